// Starts the built API (`dotnet CleanAuth.WebApi.dll`) on a random loopback port, with the docs on, the
// embedded store in a fresh temp folder and a generated signing key; resolves once Kestrel says where it listens.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const repositoryRoot = resolve(import.meta.dirname, '..', '..');

export function webApiDll(configuration = process.env.CONFIGURATION ?? 'Release') {
  const dll = join(repositoryRoot, 'src', 'WebApi', 'bin', configuration, 'net10.0', 'CleanAuth.WebApi.dll');
  if (!existsSync(dll)) {
    throw new Error(`${dll} is missing: build the solution first (scripts/test.sh does).`);
  }
  return dll;
}

export async function startApi({ environment = {}, timeoutMs = 30000 } = {}) {
  const dataPath = mkdtempSync(join(tmpdir(), 'cleanauth-browser-'));
  const child = spawn('dotnet', [webApiDll()], {
    cwd: join(repositoryRoot, 'src', 'WebApi'),
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: 'Development',
      ASPNETCORE_URLS: 'http://127.0.0.1:0',
      Api__EnableDocs: 'true',
      Logs__Format: 'Json', // the lines below are read as CLEF; Development's default is Text
      Storage__DataPath: dataPath,
      ConnectionStrings__Mongo: '',
      Jwt__SigningKey: randomBytes(48).toString('base64'),
      TwoFactor__EncryptionKey: randomBytes(32).toString('base64'),
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });

  const baseUrl = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within ${timeoutMs} ms:\n${lines.join('\n')}\n${stderr}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}:\n${lines.join('\n')}\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      try {
        const event = JSON.parse(line);
        if (event.EventName === 'ListeningOnAddress' && typeof event.address === 'string') {
          clearTimeout(timer);
          resolveUrl(event.address);
        }
      } catch {
        // not a CLEF line
      }
    });
  });

  return {
    baseUrl,
    logLines: lines,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataPath, { recursive: true, force: true });
    },
  };
}

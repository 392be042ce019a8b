// Generates the C# client the Client tests use, from the document the built API serves: starts the built
// WebApi (tests/browser/api-process.mjs), fetches /openapi/v1.json, and runs Kiota (pinned in
// .config/dotnet-tools.json) into the given folder. Run by Client.csproj before it compiles, whenever the
// WebApi assembly is newer than the generated client. Usage: node generate-client.mjs <configuration> <output folder>
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [configuration = 'Debug', output = join(import.meta.dirname, 'obj', 'Kiota')] = process.argv.slice(2);
process.env.CONFIGURATION = configuration;
const { startApi, repositoryRoot } = await import('../browser/api-process.mjs');
const folder = resolve(output);
const documentPath = join(folder, 'openapi.json');

const api = await startApi();
try {
  const response = await fetch(`${api.baseUrl}/openapi/v1.json`);
  if (!response.ok) throw new Error(`GET /openapi/v1.json answered ${response.status}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(documentPath, await response.text());
} finally {
  await api.stop();
}

const dotnet = (args) => execFileSync('dotnet', args, {
  cwd: repositoryRoot,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, KIOTA_UPDATE__DISABLED: 'true', DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
});
dotnet(['tool', 'restore']);
dotnet(['tool', 'run', 'kiota', 'generate', '--language', 'CSharp', '--openapi', documentPath,
  '--output', join(folder, 'Client'), '--class-name', 'CleanAuthClient', '--namespace-name', 'CleanAuth.Tests.Client.Generated',
  '--exclude-backward-compatible', '--clean-output', '--log-level', 'Warning']);
console.log(`generated the CleanAuth client from ${api.baseUrl}/openapi/v1.json into ${folder}`);

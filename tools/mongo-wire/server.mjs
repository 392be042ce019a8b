// In-memory MongoDB-wire-compatible server for tests (CongoDB from @push.rocks/smartmongo 2.2.0, MIT).
//
// Usage: node server.mjs [port] [--exit-on-stdin-close]
//   port 0 or missing      -> the OS picks a free port
//   --exit-on-stdin-close  -> exit when stdin reaches end-of-file (e.g. the parent test process died)
//
// Once listening, prints exactly one line to stdout: "LISTENING 127.0.0.1:<port>".
// Stops cleanly on SIGTERM / SIGINT. Storage is memory only; all data is lost on exit.
import { CongoServer } from '@push.rocks/smartmongo/dist_ts/congodb/index.js';

const HOST = '127.0.0.1';

function usage(message) {
  process.stderr.write(`${message}\nusage: node server.mjs [port] [--exit-on-stdin-close]\n`);
  process.exit(2);
}

let port = 0;
let exitOnStdinClose = false;
for (const arg of process.argv.slice(2)) {
  if (arg === '--exit-on-stdin-close') {
    exitOnStdinClose = true;
  } else if (/^\d+$/.test(arg) && Number(arg) <= 65535) {
    port = Number(arg);
  } else {
    usage(`mongo-wire: unexpected argument '${arg}'`);
  }
}

const server = new CongoServer({ host: HOST, port, storage: 'memory' });

try {
  await server.start();
} catch (err) {
  process.stderr.write(`mongo-wire: cannot listen on ${HOST}:${port}: ${err?.message ?? err}\n`);
  process.exit(1);
}

// With port 0 the OS chose the port; record it so that CongoDB's own replies
// (serverStatus, whatsmyuri) report the real port.
const actualPort = server.server.address().port;
server.options.port = actualPort;

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code), 3000);
  force.unref();
  try {
    await server.stop();
  } catch (err) {
    process.stderr.write(`mongo-wire: error while stopping: ${err?.message ?? err}\n`);
  }
  process.exit(code);
}

process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));

if (exitOnStdinClose) {
  process.stdin.on('end', () => shutdown(0));
  process.stdin.on('close', () => shutdown(0));
  process.stdin.on('error', () => shutdown(0));
  process.stdin.resume(); // discard anything written to stdin; we only wait for EOF
}

process.stdout.write(`LISTENING ${HOST}:${actualPort}\n`);

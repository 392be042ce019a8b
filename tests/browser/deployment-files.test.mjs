// Checks the deployment files that cannot be run here (no container engine): docker-compose.yml is validated
// by docker-compose itself (`config -q`, which needs no engine) when it is installed, and structurally with
// the `yaml` parser always; the Dockerfile and nginx.conf are checked for what the README promises.
// Usage: node deployment-files.test.mjs <results folder>
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { repositoryRoot } from './api-process.mjs';
import { Results } from './results.mjs';

const results = new Results('Deployment.Files', resolve(process.argv[2] ?? 'TestResults'));
const composePath = join(repositoryRoot, 'docker-compose.yml');
const composeText = readFileSync(composePath, 'utf8');
const dockerfile = readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8');
const nginx = readFileSync(join(repositoryRoot, 'deploy', 'nginx.conf'), 'utf8');

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const compose = parse(composeText, { merge: true });
const services = compose.services ?? {};
const apis = Object.entries(services).filter(([, s]) => s.build !== undefined);
const mongods = Object.entries(services).filter(([, s]) => String(s.image).startsWith('mongo') && (s.command ?? []).includes('mongod'));

const validator = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
if (validator.error) {
  results.skip('Compose_file_is_valid_for_docker_compose', 'docker-compose is not installed (scripts/test.sh installs Debian\'s as root)');
} else {
  await results.run('Compose_file_is_valid_for_docker_compose', async () => {
    const run = spawnSync('docker-compose', ['-f', composePath, 'config', '-q'], {
      encoding: 'utf8',
      env: { ...process.env, JWT_SIGNING_KEY: 'placeholder-for-validation-only', TWO_FACTOR_KEY: 'placeholder-for-validation-only' },
    });
    assert(run.status === 0, `docker-compose config failed:\n${run.stderr}${run.stdout}`);
  });
}

await results.run('Compose_has_a_three_member_replica_set_with_an_init_job', async () => {
  assert(mongods.length === 3, `expected 3 mongod services, found ${mongods.map(([n]) => n)}`);
  for (const [name, service] of mongods) {
    assert(service.command.join(' ').includes('--replSet rs0'), `${name} is not in replica set rs0`);
  }
  const init = Object.entries(services).find(([, s]) => JSON.stringify(s.command ?? '').includes('rs.initiate'));
  assert(init, 'no service runs rs.initiate');
  for (const [name] of mongods) {
    assert(init[1].command.join(' ').includes(`${name}:27017`), `rs.initiate does not name ${name}`);
  }
});

await results.run('Compose_has_two_stateless_api_instances_on_the_replica_set_with_a_shared_key', async () => {
  assert(apis.length === 2, `expected 2 API services, found ${apis.map(([n]) => n)}`);
  for (const [name, service] of apis) {
    assert(service.read_only === true, `${name} is not read_only`);
    const mongo = service.environment.ConnectionStrings__Mongo;
    assert(/replicaSet=rs0/.test(mongo) && mongods.every(([m]) => mongo.includes(`${m}:27017`)), `${name} does not use the whole replica set`);
    assert(/^\$\{JWT_SIGNING_KEY/.test(service.environment.Jwt__SigningKey), `${name}'s signing key must come from the environment, not the file`);
    assert(/^\$\{TWO_FACTOR_KEY/.test(service.environment.TwoFactor__EncryptionKey), `${name}'s two-factor key must come from the environment, not the file`);
    assert(JSON.stringify(service.healthcheck.test).includes('/health/ready'), `${name} has no readiness check`);
    // Outside Development the API refuses to start without a mail transport (ADR 0048); Pickup needs a writable volume.
    const delivery = service.environment.Email__Delivery;
    assert(delivery === 'Smtp' || delivery === 'Pickup', `${name} chooses no mail transport (Email__Delivery)`);
    assert(delivery !== 'Pickup' || (service.volumes ?? []).some((v) => v.endsWith(':/data/mail-pickup')), `${name} picks up mail without a volume`);
  }
});

await results.run('Load_balancer_routes_to_every_api_instance', async () => {
  const lb = Object.entries(services).find(([, s]) => String(s.image).startsWith('nginx'));
  assert(lb, 'no nginx service');
  assert((lb[1].volumes ?? []).some((v) => v.includes('deploy/nginx.conf')), 'nginx does not mount deploy/nginx.conf');
  const upstream = [...nginx.matchAll(/server\s+([\w-]+):8080/g)].map((m) => m[1]).sort();
  assert(JSON.stringify(upstream) === JSON.stringify(apis.map(([n]) => n).sort()), `nginx upstream ${upstream} differs from the API services`);
  assert(/X-Forwarded-For/.test(nginx), 'nginx does not pass X-Forwarded-For');
});

await results.run('Dockerfile_is_multi_stage_non_root_and_writes_only_its_data_path', async () => {
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];
  assert(stages.length >= 2, 'not multi-stage');
  const final = dockerfile.slice(stages.at(-1).index);
  const user = /^USER\s+(\S+)/m.exec(final)?.[1];
  assert(user && user !== 'root' && user !== '0', `the final stage runs as ${user ?? 'root'}`);
  assert(/Storage__DataPath=\/data/.test(final) && /VOLUME \/data/.test(final), 'the data path is not configured as a volume');
  assert(/ENTRYPOINT \["dotnet", "CleanAuth\.WebApi\.dll"\]/.test(final), 'unexpected entry point');
  assert(!/SigningKey/i.test(dockerfile), 'no key may be baked into the image');
});

process.exit(results.write());

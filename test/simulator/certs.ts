// Generates a throw-away CA and a server certificate for 127.0.0.1/localhost with the openssl CLI.
// Keys live only in a fresh temp dir (removed on stop), never in the repository. EC P-256 keeps
// generation to a few tens of milliseconds so the simulator starts fast.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL ?? 'openssl';

export interface Certificates {
  dir: string;
  caCertPath: string;
  caPem: string;
  serverKeyPem: string;
  serverCertPem: string;
  dispose(): Promise<void>;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-sha256', '-days', '7'];

export async function generateCertificates(): Promise<Certificates> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-sim-'));
  const p = (name: string): string => join(dir, name);
  // Two openssl runs (OpenSSL 3 `req -x509 -CA` signs directly): start-up time matters.
  await run(OPENSSL, [
    'req', '-x509', ...EC, '-keyout', p('ca.key'), '-out', p('ca.pem'),
    '-subj', '/CN=Azure Batch Images Simulator Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run(OPENSSL, [
    'req', '-x509', ...EC, '-keyout', p('server.key'), '-out', p('server.pem'), '-subj', '/CN=localhost',
    '-CA', p('ca.pem'), '-CAkey', p('ca.key'),
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature',
    '-addext', 'extendedKeyUsage=serverAuth',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  // The CA key is no longer needed once the server certificate is signed; removing it early
  // means nothing on disk can mint further certificates trusted by test processes.
  await rm(p('ca.key'), { force: true });
  const [caPem, serverKeyPem, serverCertPem] = await Promise.all([
    readFile(p('ca.pem'), 'utf8'),
    readFile(p('server.key'), 'utf8'),
    readFile(p('server.pem'), 'utf8'),
  ]);
  return {
    dir,
    caCertPath: p('ca.pem'),
    caPem,
    serverKeyPem,
    serverCertPem,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

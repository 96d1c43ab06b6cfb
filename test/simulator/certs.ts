// Generates a throw-away CA and a server certificate for 127.0.0.1/localhost with the openssl CLI.
// Keys live only in a fresh temp dir (removed on stop), never in the repository. EC P-256 keeps
// generation to a few tens of milliseconds so the simulator starts fast.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

async function ecKey(path: string): Promise<void> {
  await run(OPENSSL, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
}

export async function generateCertificates(): Promise<Certificates> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-sim-'));
  const p = (name: string): string => join(dir, name);
  await Promise.all([ecKey(p('ca.key')), ecKey(p('server.key'))]);
  await run(OPENSSL, [
    'req', '-x509', '-new', '-key', p('ca.key'), '-sha256', '-days', '7',
    '-subj', '/CN=Azure Batch Images Simulator Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-out', p('ca.pem'),
  ]);
  await run(OPENSSL, ['req', '-new', '-key', p('server.key'), '-subj', '/CN=localhost', '-out', p('server.csr')]);
  await writeFile(
    p('server.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'authorityKeyIdentifier=keyid',
      'subjectKeyIdentifier=hash',
    ].join('\n'),
  );
  await run(OPENSSL, [
    'x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'),
    '-set_serial', `0x${Date.now().toString(16)}`, '-days', '7', '-sha256', '-extfile', p('server.ext'), '-out', p('server.pem'),
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

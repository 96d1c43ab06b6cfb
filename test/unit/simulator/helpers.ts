// Shared setup for simulator tests: start in-process on port 0, trust its CA, build SDK clients.
import { ClientSecretCredential } from '@azure/identity';
import { startSimulator, trustCa, type SimulatorHandle, type SimulatorOptions } from '../../simulator/index';

export async function startTrusted(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await startSimulator({ port: 0, lroMs: 50, allocationMs: 50, ...options });
  trustCa(sim.caPem);
  return sim;
}

export function credentialFor(sim: SimulatorHandle): ClientSecretCredential {
  return new ClientSecretCredential(sim.tenantId, sim.clientId, sim.clientSecret, { authorityHost: sim.url, disableInstanceDiscovery: true });
}

export const ARM_SCOPE = 'https://management.azure.com/.default';
export const BATCH_SCOPE = 'https://batch.core.windows.net//.default';

export async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

/** Raw HTTPS call with a bearer token, for checks the SDKs hide (status codes, headers). */
export async function call(sim: SimulatorHandle, method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; headers: Headers; json: unknown }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const url = new URL(path, sim.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        ca: sim.caPem,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(payload ? { 'Content-Type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

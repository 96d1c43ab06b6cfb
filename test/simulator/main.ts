// CLI: `npm run simulator -- [--port N] [--scenario empty|demo|large|FILE] [--latency-ms N]
// [--faults SPEC] [--seed N] [--page-size N] [--token-lifetime S] [--clock-skew S] [--lro-ms N] [--allocation-ms N]
// [--retry-after-ms N] [--fault-token-endpoints] [--arg-quota N/Ss] [--arg-lag-ms N] [--no-resource-graph]
// [--arg-unreadable-subscriptions ID,ID...]
// [--arm-throttle off|auto|BUCKET/REFILL]`. Prints one JSON line when ready.
import { parseArgs } from 'node:util';
import { startSimulator, type SimulatorOptions } from './index';
import { parseFaultSpec } from './faults';
import { parseQuota } from './resourceGraph/quota';
import { parseArmThrottle } from './armThrottle';

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' }, scenario: { type: 'string' }, 'latency-ms': { type: 'string' }, faults: { type: 'string' },
      seed: { type: 'string' }, 'page-size': { type: 'string' }, 'token-lifetime': { type: 'string' }, 'clock-skew': { type: 'string' }, 'lro-ms': { type: 'string' },
      'allocation-ms': { type: 'string' }, 'retry-after-ms': { type: 'string' }, 'slow-ms': { type: 'string' }, 'fault-token-endpoints': { type: 'boolean' },
      'arg-quota': { type: 'string' }, 'arg-lag-ms': { type: 'string' }, 'no-resource-graph': { type: 'boolean' }, 'arm-throttle': { type: 'string' },
      'arg-unreadable-subscriptions': { type: 'string' },
    },
    strict: true,
  });
  if (values.faults) parseFaultSpec(values.faults);
  const options: SimulatorOptions = {};
  const set = <K extends keyof SimulatorOptions>(k: K, v: SimulatorOptions[K] | undefined): void => {
    if (v !== undefined) options[k] = v;
  };
  set('port', intOption(values.port, 'port'));
  set('scenario', values.scenario);
  set('latencyMs', intOption(values['latency-ms'], 'latency-ms'));
  set('faults', values.faults);
  set('seed', intOption(values.seed, 'seed'));
  const pageSize = intOption(values['page-size'], 'page-size');
  if (pageSize === 0) throw new Error('--page-size must be at least 1');
  set('pageSize', pageSize);
  set('tokenLifetimeSeconds', intOption(values['token-lifetime'], 'token-lifetime'));
  set('clockSkewSeconds', intOption(values['clock-skew'], 'clock-skew'));
  set('lroMs', intOption(values['lro-ms'], 'lro-ms'));
  set('allocationMs', intOption(values['allocation-ms'], 'allocation-ms'));
  set('retryAfterMs', intOption(values['retry-after-ms'], 'retry-after-ms'));
  set('slowMs', intOption(values['slow-ms'], 'slow-ms'));
  set('faultTokenEndpoints', values['fault-token-endpoints']);
  if (values['arg-quota'] !== undefined) parseQuota(values['arg-quota']);
  set('argQuota', values['arg-quota']);
  set('argLagMs', intOption(values['arg-lag-ms'], 'arg-lag-ms'));
  if (values['no-resource-graph']) options.resourceGraph = false;
  if (values['arg-unreadable-subscriptions'] !== undefined) options.argUnreadableSubscriptions = values['arg-unreadable-subscriptions'].split(',').map((x) => x.trim()).filter(Boolean);
  if (values['arm-throttle'] !== undefined) parseArmThrottle(values['arm-throttle'], values.scenario ?? 'demo');
  set('armThrottle', values['arm-throttle']);

  const sim = await startSimulator(options);
  process.stdout.write(
    JSON.stringify({ url: sim.url, caCertPath: sim.caCertPath, tenantId: sim.tenantId, clientId: sim.clientId, clientSecret: sim.clientSecret, subscriptionIds: sim.subscriptionIds }) + '\n',
  );
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    sim.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`simulator: stop failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator: ${(e as Error).message}\n`);
  process.exit(2);
});

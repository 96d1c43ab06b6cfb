// fast-check arbitraries for pool documents: the Batch data-plane shape, single ARM pools and ARM
// templates with several pools (child resources of accounts, nested deployments, symbolic-name
// resources). Every property may be missing, sane, or of a wrong type; keys come in any casing
// (Azure reads them case-insensitively); values include ARM expressions, huge numbers and lone
// surrogates. The text form varies indentation, line endings, comments and trailing commas.
import fc from 'fast-check';

/** Values JSON.stringify cannot produce; serialize() swaps their placeholders in as raw text. */
export const RAW_TOKENS = [
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '-0',
  '1e-400',
  '0.1e1',
  '"\uD800"',
  '"x\uDC00y\uD83D"',
  '"\uFEFF"',
  '"\\ud800\\u0000"',
] as const;
const rawArb = fc.integer({ min: 0, max: RAW_TOKENS.length - 1 }).map((i) => `__RAW${i}__`);

/** Code units including lone surrogates, JSON punctuation and control characters. */
const codeUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'Z', '0', ' ', '/', '-', '.', '[', ']', "'", '(', ')') },
  { weight: 1, arbitrary: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000', '\u2028', '\uFEFF', '"', '\\', '\n') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) },
);
export const nastyString = fc.string({ unit: codeUnit, maxLength: 40 });

const armExpression = fc.constantFrom("[parameters('imageId')]", "[variables('sku')]", "[concat(parameters('account'), '/pool-x')]", '[[literal]', '[', '[]', "[resourceId('Microsoft.Compute/images', 'img')]");

/** Anything at all, of any type: what a wrong-typed property holds. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 2, 0.5, -0.000001, '', ' ', 'null', '{}', '[]'),
  fc.double(),
  fc.integer(),
  nastyString,
  armExpression,
  rawArb,
  fc.array(fc.oneof(fc.integer(), nastyString), { maxLength: 3 }),
  fc.dictionary(nastyString, fc.oneof(fc.integer(), nastyString, fc.constant(null)), { maxKeys: 3 }),
);

/** Mostly the sane value, sometimes an expression, sometimes anything. */
function prop<T>(sane: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: sane }, { weight: 1, arbitrary: armExpression }, { weight: 1, arbitrary: weirdValue });
}

/** A record whose every key is optional, with keys in a random casing. */
function looseRecord(model: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const casing = fc.constantFrom<'same' | 'lower' | 'upper'>('same', 'same', 'same', 'same', 'lower', 'upper');
  return fc.tuple(fc.record(model, { requiredKeys: [] }), casing, fc.dictionary(fc.constantFrom('tags', 'metadata', 'x-extra', 'comment'), weirdValue, { maxKeys: 1 })).map(([r, c, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) out[c === 'lower' ? k.toLowerCase() : c === 'upper' ? k.toUpperCase() : k] = v;
    return { ...out, ...extra };
  });
}

const nodes = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0, 99, 100, 299, 300, 301, 999, 1000, 1001, 2499, 2500, 2501, 3000, 1e9));
const duration = fc.oneof(fc.constantFrom('PT15M', 'PT5M', 'PT10M', 'PT20M', 'PT30M', 'PT1H', 'P1D', 'PT0S', 'PT999999999H', 'P', 'PT', '15 minutes', ''), nastyString);
const sku = fc.constantFrom('batch.node.ubuntu 22.04', 'batch.node.ubuntu 20.04', 'batch.node.centos 7', 'batch.node.windows amd64', 'batch.node.unknown', 'BATCH.NODE.UBUNTU 22.04', '');
const securityType = fc.constantFrom('trustedLaunch', 'TrustedLaunch', 'confidentialVM', 'Standard', 'bogus');
const vmSize = fc.constantFrom('standard_d2s_v3', 'STANDARD_F4S_V2', 'Standard_NC6', '');

function securityProfile(): fc.Arbitrary<unknown> {
  return prop(looseRecord({ securityType: prop(securityType), encryptionAtHost: prop(fc.boolean()), uefiSettings: prop(looseRecord({ secureBootEnabled: prop(fc.boolean()), vTpmEnabled: prop(fc.boolean()) })) }));
}

function natPools(key: string): fc.Arbitrary<unknown> {
  return prop(looseRecord({ endpointConfiguration: prop(looseRecord({ [key]: prop(fc.array(fc.record({ name: fc.string({ maxLength: 5 }), backendPort: fc.integer({ min: 1, max: 65535 }) }), { maxLength: 3 })) })) }));
}

/** A data-plane pool (PoolAddParameter). */
export function dataPlanePool(imageIds: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const imageId = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...imageIds) }, { weight: 1, arbitrary: nastyString });
  return looseRecord({
    id: prop(fc.constantFrom('pool1', 'pool-a', 'p')),
    vmSize: prop(vmSize),
    virtualMachineConfiguration: prop(
      looseRecord({
        imageReference: prop(looseRecord({ virtualMachineImageId: prop(imageId), publisher: prop(fc.constant('Canonical')) })),
        nodeAgentSKUId: prop(sku),
        securityProfile: securityProfile(),
      }),
    ),
    targetDedicatedNodes: prop(nodes),
    targetLowPriorityNodes: prop(nodes),
    enableAutoScale: prop(fc.boolean()),
    autoScaleFormula: prop(fc.constant('$TargetDedicatedNodes = 1;')),
    resizeTimeout: prop(duration),
    networkConfiguration: natPools('inboundNATPools'),
  });
}

const POOL_TYPES = ['Microsoft.Batch/batchAccounts/pools', 'microsoft.batch/batchaccounts/pools', 'MICROSOFT.BATCH/BATCHACCOUNTS/POOLS'];

function armPoolProperties(imageIds: readonly string[]): fc.Arbitrary<unknown> {
  const imageId = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...imageIds) }, { weight: 1, arbitrary: nastyString });
  return prop(
    looseRecord({
      vmSize: prop(vmSize),
      deploymentConfiguration: prop(
        looseRecord({
          virtualMachineConfiguration: prop(
            looseRecord({ imageReference: prop(looseRecord({ id: prop(imageId) })), nodeAgentSkuId: prop(sku), securityProfile: securityProfile() }),
          ),
        }),
      ),
      scaleSettings: prop(
        looseRecord({
          fixedScale: prop(looseRecord({ targetDedicatedNodes: prop(nodes), targetLowPriorityNodes: prop(nodes), resizeTimeout: prop(duration) })),
          autoScale: prop(looseRecord({ formula: prop(fc.constant('$TargetDedicatedNodes = 1;')), evaluationInterval: prop(duration) })),
        }),
      ),
      networkConfiguration: natPools('inboundNatPools'),
    }),
  );
}

/** An ARM pool resource (a whole document of the `arm` kind, or one resource of a template). */
export function armPool(imageIds: readonly string[], childOfAccount = false): fc.Arbitrary<Record<string, unknown>> {
  const name = fc.constantFrom('acct/pool1', 'acctwest/pool2', 'pool3', 'a/b/c', "[concat(parameters('account'), '/pool-x')]", "[parameters('poolName')]", '', 'acctsharedkey/p');
  return fc
    .tuple(fc.constantFrom(...(childOfAccount ? ['pools', 'Pools'] : POOL_TYPES)), prop(name), armPoolProperties(imageIds), fc.boolean())
    .map(([type, n, properties, withApi]) => ({ type, ...(withApi ? { apiVersion: '2024-07-01' } : {}), name: n, properties }));
}

function otherResource(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({ type: fc.constantFrom('Microsoft.Storage/storageAccounts', 'Microsoft.Network/virtualNetworks', 'Microsoft.Batch/batchAccounts/certificates'), name: nastyString, properties: weirdValue });
}

/** One resource of a template, possibly holding more resources (accounts with child pools, nested deployments). */
export function armResource(imageIds: readonly string[], depth: number): fc.Arbitrary<Record<string, unknown>> {
  const leaf = fc.oneof({ weight: 4, arbitrary: armPool(imageIds) }, { weight: 1, arbitrary: otherResource() });
  if (depth <= 0) return leaf;
  const inner = fc.array(armResource(imageIds, depth - 1), { maxLength: 3 });
  const account = fc
    .tuple(fc.constantFrom('acct', 'acctwest', "[parameters('accountName')]", 'unknownacct'), fc.array(armPool(imageIds, true), { maxLength: 3 }), inner)
    .map(([name, pools, rest]) => ({ type: 'Microsoft.Batch/batchAccounts', name, location: 'eastus', properties: {}, resources: [...pools, ...rest] }));
  const deployment = fc
    .tuple(inner, fc.boolean())
    .map(([resources, underProperties]) => {
      const template = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources };
      return underProperties ? { type: 'Microsoft.Resources/deployments', name: 'nested', properties: { mode: 'Incremental', template } } : { type: 'Microsoft.Resources/deployments', name: 'nested', template };
    });
  return fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 2, arbitrary: account }, { weight: 1, arbitrary: deployment });
}

/** An ARM template with several pools: a `resources` array, or (languageVersion 2.0) an object of symbolic names. */
export function armTemplate(imageIds: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.array(armResource(imageIds, 2), { minLength: 1, maxLength: 6 }), fc.boolean()).map(([resources, symbolic]) => ({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    ...(symbolic ? { languageVersion: '2.0' } : {}),
    parameters: { imageId: { type: 'string' } },
    resources: symbolic ? Object.fromEntries(resources.map((r, i) => [`res${i}`, r])) : resources,
  }));
}

export interface TextStyle {
  indent: 0 | 2 | 4 | '\t';
  crlf: boolean;
  /** A leading line comment, a block comment after the first brace, or nothing. */
  comment: 'none' | 'line' | 'block';
  trailingComma: boolean;
}

export const textStyle: fc.Arbitrary<TextStyle> = fc.record({
  indent: fc.constantFrom<TextStyle['indent']>(0, 2, 2, 4, '\t'),
  crlf: fc.boolean(),
  comment: fc.constantFrom<TextStyle['comment']>('none', 'none', 'none', 'line', 'block'),
  trailingComma: fc.boolean(),
});

/** JSON text of a value in a style; raw-token placeholders become raw text. */
export function serialize(value: unknown, style: TextStyle): string {
  let text = JSON.stringify(value, null, style.indent) ?? 'null';
  text = text.replace(/"__RAW(\d+)__"/g, (_, i: string) => RAW_TOKENS[Number(i)]);
  if (style.trailingComma && style.indent !== 0) text = text.replace(/([^\s{[,])(\n[ \t]*[}\]])/, '$1,$2');
  if (style.comment === 'line') text = `// pool definition\n${text}`;
  if (style.comment === 'block') text = text.replace('{', '{ /* generated */');
  if (style.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

/** A whole document: one of the three shapes, in some text style. */
export function poolDocumentText(imageIds: readonly string[]): fc.Arbitrary<{ shape: string; text: string }> {
  const value = fc.oneof(
    dataPlanePool(imageIds).map((v) => ({ shape: 'dataPlane', v })),
    armPool(imageIds).map((v) => ({ shape: 'arm', v })),
    armPool(imageIds).map((v) => ({ shape: 'armProperties', v: { properties: v.properties } })),
    armTemplate(imageIds).map((v) => ({ shape: 'armTemplate', v })),
  );
  return fc.tuple(value, textStyle).map(([{ shape, v }, style]) => ({ shape, text: serialize(v, style) }));
}

export interface Mutation {
  kind: 'insert' | 'delete' | 'replace' | 'duplicate' | 'truncate' | 'swap';
  at: number;
  length: number;
  text: string;
}

const punctuation = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '/', '*', '\\', '\n', ' ', '0', '-', 'e', '.', 't', 'n', '\uD800', '\uDC00', '\uFEFF', 'x'), minLength: 1, maxLength: 8 });

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('insert', 'insert', 'delete', 'replace', 'replace', 'duplicate', 'truncate', 'swap'),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 64 }),
  text: fc.oneof(punctuation, nastyString),
});

/** Applies byte-level mutations (on UTF-16 code units, which may split surrogate pairs on purpose). */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    const end = Math.min(t.length, at + m.length);
    switch (m.kind) {
      case 'insert':
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(end);
        break;
      case 'replace':
        t = t.slice(0, at) + m.text + t.slice(end);
        break;
      case 'duplicate':
        t = t.slice(0, end) + t.slice(at, end) + t.slice(end);
        break;
      case 'truncate':
        t = t.slice(0, at);
        break;
      case 'swap': {
        const other = t.length === 0 ? 0 : (m.at * 7919) % t.length;
        const a = Math.min(at, other);
        const b = Math.max(at, other);
        if (b - a > 1) t = t.slice(0, a) + t[b] + t.slice(a + 1, b) + t[a] + t.slice(b + 1);
        break;
      }
    }
  }
  return t;
}

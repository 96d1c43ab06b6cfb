// Cheap recognition of pool documents, for deciding whether to analyse a file at all.
// Looks at the file name and a bounded prefix of the text; never parses.

/** How much of the text the content sniffing looks at. */
export const SNIFF_LIMIT = 512 * 1024;

const NAME_PATTERNS = [/(^|[\\/])pool\.json$/i, /\.pool\.jsonc?$/i];

const POOL_RESOURCE = /"microsoft\.batch\/batchaccounts\/pools"/i;
const ACCOUNT_RESOURCE = /"microsoft\.batch\/batchaccounts"/i;
const POOLS_CHILD = /"type"\s*:\s*"pools"/i;
const VM_CONFIGURATION = /"virtualMachineConfiguration"\s*:/i;
const DEPLOYMENT_CONFIGURATION = /"deploymentConfiguration"\s*:/i;
const NODE_AGENT = /"nodeAgentSkuId"\s*:/i;
const VM_SIZE = /"vmSize"\s*:/i;

export function isPoolFileName(fileName: string): boolean {
  return NAME_PATTERNS.some((p) => p.test(fileName));
}

/** True for `*.pool.json`, `pool.json`, `*.pool.jsonc`, or JSON whose content looks like a pool / a template with pools. */
export function isPoolDocument(fileName: string, text: string): boolean {
  if (isPoolFileName(fileName)) return true;
  if (!/\.jsonc?$/i.test(fileName) && fileName !== '') return false;
  const head = text.length > SNIFF_LIMIT ? text.slice(0, SNIFF_LIMIT) : text;
  if (!startsWithObject(head)) return false;
  if (POOL_RESOURCE.test(head)) return true;
  if (ACCOUNT_RESOURCE.test(head) && POOLS_CHILD.test(head)) return true;
  if (DEPLOYMENT_CONFIGURATION.test(head) && (NODE_AGENT.test(head) || VM_SIZE.test(head))) return true;
  if (VM_CONFIGURATION.test(head) && (NODE_AGENT.test(head) || VM_SIZE.test(head))) return true;
  return false;
}

/** Skips leading whitespace and comments; true when the first token is `{`. */
function startsWithObject(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') {
      i++;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else {
      return c === '{';
    }
  }
  return false;
}

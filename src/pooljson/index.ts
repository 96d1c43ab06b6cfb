// Public surface of pooljson: text → PoolSpec (with ranges), detection, quick-fix edits. Pure.
export { parsePoolDocument, type PoolDocument, type PoolDocumentKind, type JsonSyntaxError } from './parse';
export { isPoolDocument, isPoolFileName, SNIFF_LIMIT } from './detect';
export { isArmExpression } from './jsonNodes';
export {
  applyTextEdits,
  detectFormatting,
  setResizeTimeoutEdits,
  replaceImageIdEdits,
  replaceNodeAgentSkuEdits,
  capNodesEdits,
  addSecurityProfileEdits,
  type TextEdit,
} from './edits';
export { createLineIndex, type LineIndex, type Position } from './position';
export { PoolFileIndex, type AccountOf, type IndexedFile, type PoolLocation } from './poolFileIndex';
export { indexFilesInSlices, INDEX_SLICE_SIZE, type IndexFilesOptions } from './indexFiles';
export type { PoolSpec, SpecValue, TextRange, PoolShape } from '../model';

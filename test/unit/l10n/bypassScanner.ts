// Finds user-facing text that bypasses localisation: a string or template literal with words in
// it, passed where a person reads it (messages, progress titles, prompts, quick pick items, tree
// items, diagnostics, findings, CLI output, error messages). Text that goes through
// vscode.l10n.t / l10n.t is a call, not a literal, so it never matches. A line that says
// `l10n-ignore: <why>` in a comment is skipped (text no person sees, e.g. an invisible root item).
import * as ts from 'typescript';

export interface Bypass {
  file: string;
  line: number;
  text: string;
  where: string;
}

/** Words that read the same in every language: product, OS and Azure names, units, codes. */
const UNTRANSLATED = new Set(['linux', 'windows', 'sku', 'arm', 'json', 'v1', 'v2', 'os', 'ssd', 'gb', 'gib', 'ms', 'lun', 'vm', 'id', 'batch-images', 'azure', 'batch', 'csv', 'markdown', 'md']);

/** Methods whose arguments a person reads (every argument: messages and their buttons). */
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
/** Output streams of the CLI (io.stdout / io.stderr / process.stdout.write ...). */
const OUTPUT_CALLS = new Set(['stdout', 'stderr', 'write', 'report']);
/** Object properties that VS Code or the project's prompt layer shows. */
const SHOWN_PROPERTIES = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'label', 'description', 'detail', 'tooltip', 'message', 'confirmLabel', 'validationMessage']);
/** Constructors whose arguments are shown. */
const SHOWN_CONSTRUCTORS = new Set(['TreeItem', 'Diagnostic', 'DiagnosticRelatedInformation', 'CodeAction', 'CodeLens', 'MarkdownString', 'Error', 'TypeError', 'RangeError', 'AzureError', 'CompletionItem', 'Hover']);
/** `item.x = ...` assignments on tree items and friends. */
const SHOWN_ASSIGNMENTS = new Set(['label', 'description', 'tooltip', 'detail', 'message', 'title', 'placeholder', 'prompt', 'documentation']);

function hasWords(text: string): boolean {
  // Identifiers with an underscore (Standard_LRS, AZURE_CLIENT_ID) are names, not words.
  // `$(icon)` references are codicon names, not words.
  const words = text.replace(/\$\([a-z0-9~-]+\)/g, '').match(/[A-Za-z][A-Za-z_-]+/g) ?? [];
  return words.some((w) => !w.includes('_') && !UNTRANSLATED.has(w.toLowerCase()));
}

function staticText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

/** The literals an expression evaluates to directly (through ?:, ??, ||, + and parentheses). */
function literalsOf(node: ts.Expression, out: ts.Expression[] = []): ts.Expression[] {
  if (ts.isParenthesizedExpression(node)) return literalsOf(node.expression, out);
  if (ts.isConditionalExpression(node)) {
    literalsOf(node.whenTrue, out);
    literalsOf(node.whenFalse, out);
  } else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    literalsOf(node.left, out);
    literalsOf(node.right, out);
  } else if (ts.isArrayLiteralExpression(node)) {
    for (const e of node.elements) literalsOf(e, out);
  } else if (staticText(node) !== undefined) {
    out.push(node);
  }
  return out;
}

function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

export function findBypasses(file: string, source: string): Bypass[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Bypass[] = [];
  const lines = source.split('\n');
  const check = (expr: ts.Expression | undefined, where: string) => {
    if (!expr) return;
    for (const lit of literalsOf(expr)) {
      const text = staticText(lit) ?? '';
      const line = sf.getLineAndCharacterOfPosition(lit.getStart()).line;
      if (hasWords(text) && !/l10n-ignore/.test(lines[line] ?? '')) found.push({ file, line: sf.getLineAndCharacterOfPosition(lit.getStart()).line + 1, text: lit.getText(), where });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name && MESSAGE_CALLS.has(name)) node.arguments.forEach((a) => check(a, name));
      else if (name && OUTPUT_CALLS.has(name)) check(node.arguments[0], name);
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      if (name && SHOWN_CONSTRUCTORS.has(name)) node.arguments?.forEach((a) => check(a, `new ${name}`));
    } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && SHOWN_PROPERTIES.has(node.name.text)) {
      check(node.initializer, `${node.name.text}:`);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_ASSIGNMENTS.has(node.left.name.text)) {
      check(node.right, `.${node.left.name.text} =`);
    } else if (ts.isThrowStatement(node) && node.expression && !ts.isNewExpression(node.expression)) {
      check(node.expression, 'throw');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SqlFinding {
  file: string;
  line: number;
  call: string;
  argument: string;
}

const SQL_METHODS = new Set(['prepare', 'exec', 'pragma']);

export function listTypeScriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listTypeScriptFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Finds SQL built from strings: every call of prepare/exec/pragma on a better-sqlite3 Database (found by type, so
 * RegExp.exec and others are ignored) whose SQL argument is not fixed text. Fixed text is:
 * - a string literal or a template literal without substitutions;
 * - a template literal whose substitutions are all const identifiers that are themselves fixed text: named SQL
 *   fragments shared by several statements (the organisation repository's column list and joins). They are
 *   constants in the source, so no value can reach them;
 * - a conditional whose both branches are fixed text (choosing between two literal pragmas);
 * - a const identifier whose initialiser is fixed text;
 * - the migration runner's `migration.sql`, where the receiver's type is `Migration`: migrations are the plain
 *   SQL files in src/db/migrations, checked in and checksummed; running them is the one legitimate use of SQL
 *   that is not in a TypeScript literal.
 * Everything else (concatenation, substitutions of parameters, function results, property reads) is a finding.
 */
export function findDynamicSql(files: readonly string[]): { findings: SqlFinding[]; calls: SqlFinding[] } {
  const program = ts.createProgram([...files], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const findings: SqlFinding[] = [];
  const calls: SqlFinding[] = [];

  const isDatabase = (node: ts.Expression) => {
    const type = checker.getTypeAtLocation(node);
    const name = (type.aliasSymbol ?? type.getSymbol())?.getName();
    const text = checker.typeToString(type);
    return name === 'Database' || /\bDatabase\b/.test(text) || text === 'Db';
  };

  const constInitialiser = (id: ts.Identifier): ts.Expression | undefined => {
    const symbol = checker.getSymbolAtLocation(id);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    const list = declaration.parent;
    if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return undefined;
    return declaration.initializer;
  };

  const isFixed = (node: ts.Expression, depth = 0): boolean => {
    if (depth > 5) return false;
    if (ts.isParenthesizedExpression(node)) return isFixed(node.expression, depth + 1);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
    if (ts.isTemplateExpression(node)) {
      return node.templateSpans.every(
        (span) => ts.isIdentifier(span.expression) && isFixed(span.expression, depth + 1),
      );
    }
    if (ts.isConditionalExpression(node))
      return isFixed(node.whenTrue, depth + 1) && isFixed(node.whenFalse, depth + 1);
    if (ts.isIdentifier(node)) {
      const initialiser = constInitialiser(node);
      return initialiser !== undefined && isFixed(initialiser, depth + 1);
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'sql') {
      const owner = checker.getTypeAtLocation(node.expression);
      return (owner.aliasSymbol ?? owner.getSymbol())?.getName() === 'Migration';
    }
    return false;
  };

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`could not read ${file}`);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        SQL_METHODS.has(node.expression.name.text) &&
        isDatabase(node.expression.expression)
      ) {
        const argument = node.arguments[0];
        const call = {
          file,
          line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          call: node.expression.getText(source),
          argument: argument?.getText(source) ?? '(none)',
        };
        calls.push(call);
        if (!argument || !isFixed(argument)) findings.push(call);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { findings, calls };
}

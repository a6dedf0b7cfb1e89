// @vitest-environment node
// What an editor offers a user of the package: TypeScript's language service
// (the engine behind VS Code's completions) asked at the places where a user
// types an option name or a `_paq` method name. test/types.ts checks the
// same types with tsc; this checks they are what autocompletion reads.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '../src/index';
import { NOOP } from '../src/paq/methods';
import { mediaCommands } from '../src/paq/media';
import type { Named } from '../src/core/guard';

const ROOT = resolve(import.meta.dirname, '..');
// a user's file, in the repo so that tsconfig.json's paths map 'matomo-lite' to src/
const FILE = resolve(ROOT, 'test/__user__.ts');
const SOURCE = `import { createTracker, type Paq, type TrackerConfig } from 'matomo-lite';
declare const config: TrackerConfig;
declare const _paq: Paq;
createTracker({ /*option*/ });
_paq.push(['/*method*/']);
`;

let service: ts.LanguageService;
let checker: ts.TypeChecker;

beforeAll(() => {
  const { config } = ts.readConfigFile(resolve(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = name == FILE ? SOURCE : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name == FILE || ts.sys.fileExists(name),
    readFile: (name) => (name == FILE ? SOURCE : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  service = ts.createLanguageService(host);
  checker = service.getProgram()!.getTypeChecker();
}, 60_000);

/** The names offered at a marker comment, as an editor lists them. */
function completions(marker: string): string[] {
  const at = SOURCE.indexOf(marker);
  const list = service.getCompletionsAtPosition(FILE, at, {});
  return (list?.entries ?? []).map((entry) => entry.name).sort();
}

/** The properties of the type of a `declare const` in the user's file. */
function propertiesOf(name: string): string[] {
  const file = service.getProgram()!.getSourceFile(FILE)!;
  const declaration = file.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .find((d) => d.name.getText(file) == name)!;
  return checker.getPropertiesOfType(checker.getTypeAtLocation(declaration.name)).map((p) => p.name);
}

describe('autocompletion from the public types', () => {
  it("createTracker({ … }) offers exactly TrackerConfig's option names, each with its documentation", () => {
    const options = propertiesOf('config').sort();
    expect(options).toContain('siteId');
    expect(options).toContain('trackerUrl');
    expect(completions('/*option*/')).toEqual(options);
    const at = SOURCE.indexOf('/*option*/');
    for (const name of options) {
      const details = service.getCompletionEntryDetails(FILE, at, name, {}, undefined, undefined, undefined);
      expect(ts.displayPartsToString(details?.documentation), name).not.toBe('');
    }
  });

  it("_paq.push(['…']) offers the command names: every function that takes a tracker first", () => {
    // the runtime's own list: the functions the `_paq` layer binds (all but
    // createTracker take a tracker first), the methods it accepts as no-ops,
    // and the full build's Media Analytics plugin commands
    const functions = Object.keys(api).filter((name) => typeof (api as Record<string, unknown>)[name] == 'function' && name != 'createTracker');
    const plugin = mediaCommands.map((command) => (command as Named)._name!);
    expect(completions('/*method*/')).toEqual([...functions, ...NOOP.split(' '), ...plugin].sort());
  });

  it("docs/paq.md's `_paq` snippet is e2e/pages/package-paq.ts, which the tarball e2e compiles against the packed types", () => {
    const doc = readFileSync(resolve(ROOT, 'docs/paq.md'), 'utf8');
    const snippet = /```ts\n(import type \{ Paq \} from 'matomo-lite';\n[^`]*)```/.exec(doc)?.[1];
    // the file less its comments and the line a comment expects to fail
    const file = readFileSync(resolve(ROOT, 'e2e/pages/package-paq.ts'), 'utf8')
      .replace(/^\/\/ @ts-expect-error.*\n.*\n/m, '')
      .replace(/^\/\/.*\n/gm, '');
    expect(snippet).toBe(file);
  });
});

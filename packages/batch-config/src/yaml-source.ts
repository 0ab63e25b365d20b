import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export type KeyPath = ReadonlyArray<string | number>;

/** `jobs[2].modelParams.blockLength` */
export function formatKeyPath(path: KeyPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

/**
 * A parsed YAML file that can say on which line a key path sits, so config
 * errors point at the line to fix.
 */
export class YamlSource {
  readonly doc: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: true });
  }

  /** Syntax errors with their lines. */
  errors(): Array<{ line?: number; reason: string }> {
    return this.doc.errors.map((e) => ({ line: e.linePos?.[0]?.line, reason: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') }));
  }

  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /** Line of the deepest node along `path` that exists (a missing key points at its parent). */
  lineOf(path: KeyPath): number | undefined {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (pair === undefined) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r?.[0];
}

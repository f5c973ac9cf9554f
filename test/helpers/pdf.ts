/**
 * What a PDF holds, enough for tests: the text it draws (its streams inflated, each TJ/Tj string decoded,
 * kerning gaps ignored), and its tags (the structure tree that a screen reader reads).
 */
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';

export function textOfPdf(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((match) => {
    const bytes = Buffer.from(match[1] ?? '', 'latin1');
    // A compressed stream may itself end in a CR byte, which the pattern took as part of the line end.
    for (const candidate of [bytes, Buffer.concat([bytes, Buffer.from('\r')])]) {
      try {
        return inflateSync(candidate).toString('latin1');
      } catch {
        // not this one
      }
    }
    return bytes.toString('latin1');
  });
  const lines: string[] = [];
  for (const stream of streams) {
    for (const operator of stream.matchAll(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = operator[1] ? [...operator[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '').join('') : (operator[2] ?? '');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

/**
 * The PDF's text as one run of words (lines that wrap, and SVG text drawn a glyph at a time, read as one).
 * textOfPdf finds a stream's end by "endstream" and so drops a last byte that happens to be a CR (about one
 * stream in 256); here each stream is cut by its /Length and inflated first, and textOfPdf reads the plain streams.
 */
export function wordsOfPdf(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const plain = [...raw.matchAll(/\/Length (\d+)\s*\/Filter \/FlateDecode\s*>>\s*stream\r?\n/g)].map((match) => {
    const start = (match.index ?? 0) + match[0].length;
    const content = inflateSync(Buffer.from(raw.slice(start, start + Number(match[1])), 'latin1')).toString('latin1');
    return `stream\n${content}\nendstream`;
  });
  return textOfPdf(Buffer.from(plain.join('\n'), 'latin1')).replace(/\s+/g, ' ');
}

/** An element of a tagged PDF's structure tree: its type, text alternative, table scope, and children in reading order. */
export interface PdfTag {
  type: string;
  alt?: string;
  scope?: string;
  children: PdfTag[];
  /** How many marked runs of page content the element holds directly. */
  content: number;
}

/** What a tagged PDF declares about itself, and its structure tree, read as a screen reader's software reads them. */
export interface PdfTags {
  marked: boolean;
  lang: string | undefined;
  title: string | undefined;
  displayDocTitle: boolean;
  root: PdfTag | null;
  /** Pages whose text or drawing sits outside any marked content (neither tagged nor an artifact). */
  pagesWithUntaggedContent: number[];
}

const textOf = (value: PDFObject | undefined) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

function tagOf(context: PDFContext, node: PDFDict): PdfTag {
  const kids = node.get(PDFName.of('K'));
  const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
  const tag: PdfTag = {
    type: node.lookup(PDFName.of('S'), PDFName).decodeText(),
    alt: textOf(node.lookup(PDFName.of('Alt'))),
    children: [],
    content: 0,
  };
  const attributes = node.lookup(PDFName.of('A'));
  const scope = attributes instanceof PDFDict ? attributes.lookup(PDFName.of('Scope')) : undefined;
  if (scope instanceof PDFName) tag.scope = scope.decodeText();
  for (const kid of list) {
    const child = kid instanceof PDFRef ? context.lookup(kid) : kid;
    if (child instanceof PDFNumber) tag.content++;
    else if (child instanceof PDFDict && child.has(PDFName.of('S'))) tag.children.push(tagOf(context, child));
    else if (child instanceof PDFDict) tag.content++; // a marked-content reference on another page
  }
  return tag;
}

/** Whether a page draws anything (text, paths, images) outside marked content. */
function drawsUntagged(content: string): boolean {
  let depth = 0;
  for (const [, operator] of content.matchAll(/(?:^|\s)(BDC|BMC|EMC|Tj|TJ|'|"|f\*?|F|S|s|B\*?|b\*?|Do)(?=\s|$)/g)) {
    if (operator === 'BDC' || operator === 'BMC') depth++;
    else if (operator === 'EMC') depth--;
    else if (depth === 0) return true;
  }
  return false;
}

export async function tagsOfPdf(bytes: Buffer): Promise<PdfTags> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { catalog, context } = pdf;
  const markInfo = catalog.lookup(PDFName.of('MarkInfo'));
  const preferences = catalog.lookup(PDFName.of('ViewerPreferences'));
  const treeRoot = catalog.lookup(PDFName.of('StructTreeRoot'));
  const top = treeRoot instanceof PDFDict ? treeRoot.lookup(PDFName.of('K')) : undefined;
  const first = top instanceof PDFArray ? top.lookup(0) : top;
  const pagesWithUntaggedContent = pdf.getPages().flatMap((page, index) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => context.lookup(ref)) : [contents];
    const text = streams
      .map((stream) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : ''))
      .join('\n');
    return drawsUntagged(text) ? [index + 1] : [];
  });
  return {
    marked: markInfo instanceof PDFDict && markInfo.lookup(PDFName.of('Marked')) === PDFBool.True,
    lang: textOf(catalog.lookup(PDFName.of('Lang'))),
    title: pdf.getTitle(),
    displayDocTitle: preferences instanceof PDFDict && preferences.lookup(PDFName.of('DisplayDocTitle')) === PDFBool.True,
    root: first instanceof PDFDict ? tagOf(context, first) : null,
    pagesWithUntaggedContent,
  };
}

/** The tree's elements, depth first: the reading order. */
export function tagList(tag: PdfTag | null): PdfTag[] {
  return tag ? [tag, ...tag.children.flatMap(tagList)] : [];
}

/** The types of the tree's elements in reading order, e.g. to check that H1 comes first. */
export function tagTypes(tag: PdfTag | null): string[] {
  return tagList(tag).map((element) => element.type);
}

/**
 * Asserts what every PDF the service draws must be: marked as tagged, in British English, showing its title,
 * with a Document element whose first heading is the H1 and no heading level skipped, and nothing drawn outside the tags or artifacts
 * (on the pages listed in `untaggedPages`, which hold other people's files as they were sent). Returns the tags.
 */
export async function expectTaggedPdf(bytes: Buffer, title: string | RegExp, untaggedPages: number[] = []): Promise<PdfTags> {
  const tags = await tagsOfPdf(bytes);
  assert.equal(tags.marked, true, '/MarkInfo /Marked true');
  assert.equal(tags.lang, 'en-GB');
  assert.equal(tags.displayDocTitle, true, '/ViewerPreferences /DisplayDocTitle true');
  if (typeof title === 'string') assert.equal(tags.title, title);
  else assert.match(tags.title ?? '', title);
  assert.equal(tags.root?.type, 'Document');
  assert.equal(
    tagTypes(tags.root).find((type) => /^H\d$/.test(type)),
    'H1',
    'the first heading is the H1',
  );
  assert.deepEqual(tags.pagesWithUntaggedContent, untaggedPages, 'pages with content outside the tags');
  return tags;
}

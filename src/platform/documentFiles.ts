/**
 * Documents people upload (a meeting's papers, an assessment's documents): which files are taken, decided from
 * their content, never from their name, with the type they are sent back as.
 */
import { parse } from 'csv-parse/sync';
import { fileTypeFromBuffer } from 'file-type';
import type * as PdfLib from 'pdf-lib';
import { lazyModule } from './lazyModule.ts';

export const maxPaperBytes = 20 * 1024 * 1024;
export const maxPaperSizeText = '20 MB';

/** The kinds of paper we take, with the type we send them as. */
export const paperKinds = {
  pdf: { name: 'PDF', contentType: 'application/pdf' },
  docx: { name: 'Word', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  doc: { name: 'Word', contentType: 'application/msword' },
  xlsx: { name: 'Excel', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  xls: { name: 'Excel', contentType: 'application/vnd.ms-excel' },
  csv: { name: 'CSV', contentType: 'text/csv' },
} as const;
export type PaperKind = keyof typeof paperKinds;

const pdfLib = lazyModule<typeof PdfLib>('pdf-lib');
const refusal = 'The selected file must be a PDF, Word document (.docx or .doc), Excel spreadsheet (.xlsx or .xls) or CSV file';

/** An older Office file is a compound document; the name of the stream inside it says Word or Excel. */
function compoundDocumentKind(bytes: Buffer): PaperKind | null {
  const has = (stream: string) => bytes.includes(Buffer.from(stream, 'utf16le'));
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  return null;
}

/** A CSV file has no signature: it must be UTF-8 text, without control bytes, that parses as rows of equal width. */
function isCsv(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Control characters other than tab and line ends do not belong in text.
  if (/[^\P{Cc}\t\n\r]/u.test(text) || text.trim() === '') return false;
  try {
    parse(text, { bom: true, skip_empty_lines: true });
    return true;
  } catch {
    return false;
  }
}

async function isReadablePdf(bytes: Buffer): Promise<boolean> {
  try {
    return (await pdfLib().PDFDocument.load(bytes, { ignoreEncryption: true })).getPageCount() > 0;
  } catch {
    return false;
  }
}

/** The kind of paper a file is, from its bytes; or why it is refused. */
export async function classifyPaper(bytes: Buffer, fileName: string): Promise<{ kind: PaperKind } | { refused: string }> {
  if (bytes.length === 0) return { refused: 'The selected file is empty' };
  if (bytes.length > maxPaperBytes) return { refused: `The selected file must be smaller than ${maxPaperSizeText}` };
  const detected = await fileTypeFromBuffer(bytes);
  const kind: PaperKind | null =
    detected?.ext === 'pdf' || detected?.ext === 'docx' || detected?.ext === 'xlsx'
      ? detected.ext
      : detected?.ext === 'cfb'
        ? compoundDocumentKind(bytes)
        : // Text has no signature, so only a file named as CSV is read as one.
          !detected && fileName.toLowerCase().endsWith('.csv') && isCsv(bytes)
          ? 'csv'
          : null;
  if (!kind) return { refused: refusal };
  // A PDF goes into the agenda pack, so it must be one that can be read.
  if (kind === 'pdf' && !(await isReadablePdf(bytes))) return { refused: 'The selected PDF cannot be read: it may be damaged' };
  return { kind };
}

export function kindOfContentType(contentType: string): PaperKind | null {
  const found = Object.entries(paperKinds).find(([, kind]) => kind.contentType === contentType);
  return found ? (found[0] as PaperKind) : null;
}

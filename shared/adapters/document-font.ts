import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FONT_FILE, DEFAULT_FONT_NAME, type DocumentFont } from '../domain/documents/pdf';

let defaultFont: DocumentFont | undefined;

/**
 * The platform's CJK font for the PDF documents (shared/domain/documents/pdf.ts), read once per container: from
 * LICENCE_FONT_PATH, else `assets/fonts/` under the Lambda task root (the bundle must copy it there) or under the
 * working directory (npm scripts, tests, the local cloud).
 */
export function loadDocumentFont(path?: string): DocumentFont {
  if (path) return { bytes: readFileSync(path), postscriptName: DEFAULT_FONT_NAME };
  defaultFont ??= {
    bytes: readFileSync(
      process.env.LICENCE_FONT_PATH ?? join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), DEFAULT_FONT_FILE),
    ),
    postscriptName: DEFAULT_FONT_NAME,
  };
  return defaultFont;
}

/** The licence document's font: the same one. */
export const loadLicenceFont = loadDocumentFont;

/**
 * The competence portal's rules as plain values and pure functions: the kinds of learning
 * material, the limits, which documents are accepted (by their first bytes, never by the name
 * or the browser's claim alone) and the upload size the server must let through.
 * No database, no HTTP: safe to import from route modules.
 */

export const materialKinds = ["text", "link", "video", "document"] as const;
export type MaterialKind = (typeof materialKinds)[number];

export const MATERIAL_TITLE_MAX = 200;
/** Markdown of a text material. */
export const MATERIAL_TEXT_MAX = 20_000;
/** The short description of a link, video or document. */
export const MATERIAL_DESCRIPTION_MAX = 2000;
export const MATERIAL_URL_MAX = 500;
export const MATERIAL_FILE_NAME_MAX = 200;
/** Materials in the coordinator's list, per page. */
export const MATERIALS_PAGE_SIZE = 25;

/** A document: PDF, Word or PowerPoint, at most 10 MB. */
export const COMPETENCE_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const documentTypes = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;
export type DocumentExtension = keyof typeof documentTypes;

/** What the file input offers (a hint only; the server checks the bytes). */
export const documentAccept =
  ".pdf,.docx,.pptx,application/pdf," + Object.values(documentTypes).slice(1).join(",");

/**
 * The request size the material forms accept: a document a little above the limit still
 * arrives, so it gets a message beside the field rather than the server's 413 page.
 */
export const COMPETENCE_UPLOAD_BODY_LIMIT = 2 * COMPETENCE_DOCUMENT_MAX_BYTES + 256 * 1024;

/** The paths the material forms post to (new and edit), for the server's body limit. */
export const competenceUploadPathPattern = /^\/implementering\/kompetanse\/[^/]+\/?$/;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/** Whether the bytes hold this ASCII text anywhere (a ZIP's entry names are stored plainly). */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = [...text].map((ch) => ch.charCodeAt(0));
  const first = needle[0]!;
  outer: for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
    if (i + needle.length > bytes.length) return false;
    for (let j = 1; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * The document's type from its first bytes: a PDF starts with "%PDF-"; Word and PowerPoint
 * files are ZIP archives ("PK\x03\x04") named .docx/.pptx that hold a word/ or ppt/ folder.
 * Anything else is refused (null).
 */
export function sniffDocument(
  bytes: Uint8Array,
  fileName: string,
): { extension: DocumentExtension; type: string } | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return { extension: "pdf", type: documentTypes.pdf };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const extension = extensionOf(fileName);
    if (extension === "docx" && containsAscii(bytes, "word/")) {
      return { extension, type: documentTypes.docx };
    }
    if (extension === "pptx" && containsAscii(bytes, "ppt/")) {
      return { extension, type: documentTypes.pptx };
    }
  }
  return null;
}

/** A safe file name to store and offer: no folders, no control characters, the right ending. */
export function cleanFileName(name: string, extension: DocumentExtension): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()!
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
      .trim() || "dokument";
  const withExtension = extensionOf(base) === extension ? base : `${base}.${extension}`;
  if (withExtension.length <= MATERIAL_FILE_NAME_MAX) return withExtension;
  return `${withExtension.slice(0, MATERIAL_FILE_NAME_MAX - extension.length - 1)}.${extension}`;
}

/** Only https links: the portal never sends people over plain http or to other schemes. */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username;
  } catch {
    return false;
  }
}

/** A size in kB or MB as people read it ("120 kB", "2,4 MB" with the language's decimal mark). */
export function fileSizeText(bytes: number, locale: string): string {
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} kB`;
  }
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

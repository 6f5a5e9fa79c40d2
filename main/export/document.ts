/**
 * A printed document described once, as plain data, and drawn by each writer (PDF through pdfmake,
 * DOCX through docx). Every string here is plain user or app text; writers never interpret it.
 * Multi-line values keep their line breaks ("\n").
 */

export interface Fact {
  label: string;
  value: string;
  /** 'alert' for what must not be missed (red), 'warning' for what needs attention soon (yellow). */
  emphasis?: 'alert' | 'warning';
}

export interface CodeToRecord {
  code: string;
  term: string;
  /** When to record it, in plain words. */
  rule?: string;
}

export type Block =
  /** Label and value rows. */
  | { kind: 'fields'; rows: readonly (readonly [label: string, value: string])[] }
  /** Paragraphs of text; each "\n" starts a new line. */
  | { kind: 'text'; text: string; muted?: boolean }
  | { kind: 'bullets'; items: readonly string[] }
  /** A strip of key facts across the page, read at a glance. */
  | { kind: 'facts'; facts: readonly Fact[] }
  /** A red box for what must not be missed. */
  | { kind: 'alert'; heading: string; lines: readonly string[] }
  /** Clinical codes to copy into the clinical system, in a framed box. */
  | { kind: 'codes'; heading: string; codes: readonly CodeToRecord[]; notes: readonly string[] }
  /** A list with a header row; widths are relative weights. */
  | { kind: 'table'; headers: readonly string[]; rows: readonly (readonly string[])[]; widths: readonly number[] };

export interface Section {
  heading: string;
  blocks: readonly Block[];
}

export interface PrintDocument {
  title: string;
  /** Lines under the title: organisation, document number … */
  subtitle: readonly string[];
  /** Who the document is about, at the top of every page: "Mrs Jane Smith · NHS No. 999 000 0018". */
  runningHead: string;
  /** Document metadata author (the PCN). */
  author: string;
  /** Blocks between the title and the first section. */
  lead: readonly Block[];
  sections: readonly Section[];
  generatedAt: Date;
  generatedBy: string;
}

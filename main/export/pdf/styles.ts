import type { CustomTableLayout, Style, StyleDictionary } from 'pdfmake/interfaces';
import { FONT_FAMILY } from './fonts';

/** NHS identity colours (service manual), shared by every PDF Signpost makes. */
export const colours = {
  nhsBlue: '#005EB8',
  darkBlue: '#003087',
  paleBlue: '#E8F1F8',
  text: '#212B32',
  secondaryText: '#4C6272',
  border: '#D8DDE0',
  paleGrey: '#F0F4F5',
  red: '#D5281B',
  paleRed: '#FBE9E7',
  warmYellow: '#FFB81C',
  paleYellow: '#FFF9C4',
  white: '#FFFFFF',
} as const;

export const defaultStyle: Style = { font: FONT_FAMILY, fontSize: 10, lineHeight: 1.2, color: colours.text };

export const styles: StyleDictionary = {
  title: { fontSize: 20, bold: true, color: colours.nhsBlue },
  subtitle: { fontSize: 11, color: colours.secondaryText },
  sectionHeading: { fontSize: 13, bold: true, color: colours.nhsBlue },
  label: { bold: true, color: colours.secondaryText },
  value: {},
  boxHeading: { fontSize: 11, bold: true },
  code: { fontSize: 15, bold: true, color: colours.darkBlue, characterSpacing: 0.5 },
  small: { fontSize: 8, color: colours.secondaryText },
  marking: { fontSize: 8, bold: true, color: colours.text },
  tableHeader: { bold: true, color: colours.secondaryText, fontSize: 9 },
  muted: { color: colours.secondaryText, italics: true },
};

/** Light rules between rows only; no vertical lines; room to breathe. */
export const fieldTableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => colours.border,
  paddingLeft: (i) => (i === 0 ? 0 : 8),
  paddingRight: () => 4,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

/** A list table with a header row on a pale grey band. */
export const listTableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => colours.border,
  fillColor: (row) => (row === 0 ? colours.paleGrey : null),
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

/** A box: a coloured frame, a fill, generous padding. */
export function boxLayout(border: string, fill: string, borderWidth = 1.5): CustomTableLayout {
  return {
    hLineWidth: () => borderWidth,
    vLineWidth: () => borderWidth,
    hLineColor: () => border,
    vLineColor: () => border,
    fillColor: () => fill,
    paddingLeft: () => 10,
    paddingRight: () => 10,
    paddingTop: () => 8,
    paddingBottom: () => 8,
  };
}

import "server-only";
/**
 * A small flow layout on pdf-lib for readable reports: headings, wrapped paragraphs and tables
 * that run onto as many A4 pages as they need, a world map, and stamps drawn on every page once
 * the content is laid out. Only the standard fonts are used, so nothing is fetched or embedded
 * beyond pdf-lib itself; they encode WinAnsi only, and every string is cleaned before it is drawn.
 */
import { degrees, rgb, StandardFonts, type Color, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";

export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
/** The body stops here: below it, the page line and a watermark of up to four lines. */
const BODY_BOTTOM = 72;
const FOOTER_LINES = 5;
const PAD = 3;
const GREY = rgb(0.45, 0.45, 0.45);
const RULE = rgb(0.8, 0.8, 0.8);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}
type FontName = keyof Fonts;

export interface Column {
  header: string;
  /** A share of the table's width, not points. */
  width: number;
  align?: "left" | "right";
  font?: FontName;
}

export interface MapPoint {
  label: string;
  latitude: number;
  longitude: number;
  home: boolean;
}

/** Signs and arrows that tenants and data classes use and WinAnsi lacks, said in ASCII. */
const SUBSTITUTES: Record<string, string> = {
  "→": "->",
  "←": "<-",
  "↔": "<->",
  "⇒": "=>",
  "≤": "<=",
  "≥": ">=",
  "≠": "!=",
  "−": "-",
  "‐": "-",
  "‑": "-",
  "✓": "v",
  "✗": "x",
  // Latin letters with a stroke have no decomposition to fall back on.
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  "\t": " ",
};

export class PdfFlow {
  readonly left = MARGIN;
  readonly width = A4[0] - 2 * MARGIN;
  private page: PDFPage;
  private y = 0;
  private readonly charset: ReadonlySet<number>;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.charset = new Set(fonts.regular.getCharacterSet());
    this.page = this.newPage();
  }

  static async create(doc: PDFDocument): Promise<PdfFlow> {
    const [regular, bold, mono] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
      doc.embedFont(StandardFonts.Courier),
    ]);
    return new PdfFlow(doc, { regular, bold, mono });
  }

  /**
   * The text as the standard fonts can draw it: a character outside WinAnsi would make pdf-lib
   * throw, so a tenant's name in any script must degrade (to ASCII look-alikes, to its letters
   * without accents, else to "?") rather than fail the download.
   */
  clean(text: string): string {
    let out = "";
    for (const ch of text.normalize("NFC").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "")) {
      const code = ch.codePointAt(0)!;
      if (ch === "\n" || this.charset.has(code)) out += ch;
      else if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
      else {
        const bare = ch.normalize("NFKD").replace(/\p{M}/gu, "");
        out += bare !== "" && [...bare].every((c) => this.charset.has(c.codePointAt(0)!)) ? bare : "?";
      }
    }
    return out;
  }

  /** Lines of at most `width` points: breaks at spaces, and inside words (digests, URLs) wider than a line. */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
    const lines: string[] = [];
    for (const paragraph of this.clean(text).split("\n")) {
      let line = "";
      for (const token of paragraph.split(/(\s+)/)) {
        if (token === "" || fits(line + token)) {
          line += token;
          continue;
        }
        if (line.trim() !== "") lines.push(line.trimEnd());
        line = "";
        if (/^\s+$/.test(token)) continue;
        let rest = token;
        while (!fits(rest)) {
          let n = 1;
          while (n < rest.length && fits(rest.slice(0, n + 1))) n++;
          lines.push(rest.slice(0, n));
          rest = rest.slice(n);
        }
        line = rest;
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    return this.page;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y - height < BODY_BOTTOM) this.newPage();
  }

  gap(height: number): void {
    this.y -= height;
  }

  heading(text: string, size = 12): void {
    // A heading keeps at least a few lines of what it introduces on its page.
    this.ensure(size * 1.6 + 48);
    this.gap(size * 0.6);
    this.paragraph(text, { font: "bold", size });
    this.gap(2);
  }

  paragraph(text: string, opts: { font?: FontName; size?: number; color?: Color; indent?: number } = {}): void {
    const { font = "regular", size = 9, color = rgb(0, 0, 0), indent = 0 } = opts;
    const lineHeight = size * 1.3;
    for (const line of this.wrap(text, this.fonts[font], size, this.width - indent)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: this.left + indent, y: this.y + size * 0.25, size, font: this.fonts[font], color });
    }
  }

  /** A table whose rows wrap in their columns; the header repeats on each page a table runs onto. */
  table(columns: Column[], rows: string[][], opts: { header?: boolean; size?: number } = {}): void {
    const { header = true, size = 7.5 } = opts;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const lineHeight = size * 1.3;
    const cells = (row: string[], bold: boolean) =>
      columns.map((c, i) =>
        this.wrap(row[i] ?? "", this.fonts[bold ? "bold" : (c.font ?? "regular")], size, widths[i]! - 2 * PAD),
      );
    const heightOf = (lines: string[][]) => Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * PAD;
    const head = header
      ? cells(
          columns.map((c) => c.header),
          true,
        )
      : [];
    const headHeight = header ? heightOf(head) : 0;
    const drawHead = () => {
      if (header) this.row(columns, widths, head, size, true);
    };
    const body = rows.map((r) => cells(r, false));
    this.ensure(headHeight + (body[0] ? Math.min(heightOf(body[0]), 120) : 0));
    drawHead();
    const room = A4[1] - MARGIN - BODY_BOTTOM - headHeight;
    for (let rest of body) {
      // A row that fits a page is kept whole; a longer one is cut between lines.
      if (this.y - heightOf(rest) < BODY_BOTTOM && heightOf(rest) <= room) {
        this.newPage();
        drawHead();
      }
      for (let fresh = false; ; fresh = true) {
        // On a fresh page at least one line is drawn, so a header taller than a page cannot loop forever.
        const fit = Math.max(fresh ? 1 : 0, Math.floor((this.y - BODY_BOTTOM - 2 * PAD) / lineHeight));
        if (fit >= 1) {
          this.row(
            columns,
            widths,
            rest.map((l) => l.slice(0, fit)),
            size,
            false,
          );
          rest = rest.map((l) => l.slice(fit));
          if (rest.every((l) => l.length === 0)) break;
        }
        this.newPage();
        drawHead();
      }
    }
    this.gap(4);
  }

  private row(columns: Column[], widths: number[], lines: string[][], size: number, head: boolean): void {
    const lineHeight = size * 1.3;
    const height = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * PAD;
    const top = this.y;
    if (head)
      this.page.drawRectangle({
        x: this.left,
        y: top - height,
        width: this.width,
        height,
        color: rgb(0.92, 0.92, 0.92),
      });
    let x = this.left;
    columns.forEach((c, i) => {
      const font = this.fonts[head ? "bold" : (c.font ?? "regular")];
      lines[i]!.forEach((line, n) => {
        const w = font.widthOfTextAtSize(line, size);
        const at = c.align === "right" && !head ? x + widths[i]! - PAD - w : x + PAD;
        this.page.drawText(line, { x: at, y: top - PAD - (n + 1) * lineHeight + size * 0.3, size, font });
      });
      x += widths[i]!;
    });
    this.y = top - height;
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.left + this.width, y: this.y },
      thickness: 0.4,
      color: RULE,
    });
  }

  /** An equirectangular world box with a dot per point; the home region is a ringed square. */
  worldMap(points: MapPoint[], width = 360): void {
    const height = width / 2;
    this.ensure(height + 24);
    const x0 = this.left;
    const y0 = this.y - height;
    const page = this.page;
    const at = (lat: number, lon: number) => ({
      x: x0 + ((lon + 180) / 360) * width,
      y: y0 + ((lat + 90) / 180) * height,
    });
    page.drawRectangle({ x: x0, y: y0, width, height, color: rgb(0.95, 0.97, 1), borderColor: GREY, borderWidth: 0.6 });
    for (let lon = -150; lon < 180; lon += 30) {
      const t = lon === 0 ? 0.6 : 0.25;
      page.drawLine({ start: at(-90, lon), end: at(90, lon), thickness: t, color: RULE });
    }
    for (let lat = -60; lat < 90; lat += 30) {
      const t = lat === 0 ? 0.6 : 0.25;
      page.drawLine({ start: at(lat, -180), end: at(lat, 180), thickness: t, color: RULE });
    }
    for (const p of points) {
      const { x, y } = at(p.latitude, p.longitude);
      if (p.home) {
        page.drawRectangle({ x: x - 3.5, y: y - 3.5, width: 7, height: 7, color: rgb(0.75, 0.1, 0.1) });
      } else page.drawCircle({ x, y, size: 3, color: rgb(0.1, 0.3, 0.7) });
      const label = this.clean(p.label);
      const w = this.fonts.regular.widthOfTextAtSize(label, 7);
      // Labels near the right edge go to the dot's left, so they stay in the box.
      const lx = x + 6 + w > x0 + width ? x - 6 - w : x + 6;
      page.drawText(label, { x: lx, y: y - 2.5, size: 7, font: this.fonts.regular });
    }
    this.y = y0;
    this.gap(4);
    this.paragraph("Blue dot: a region holding the tenant's data. Red square: the tenant's home region.", {
      size: 7.5,
      color: GREY,
    });
  }

  /**
   * Draws on every page once the content is laid out: the footer lines (the last one lowest)
   * and, if given, a light diagonal text across the page.
   */
  stampPages(stamp: (index: number, count: number) => { footer: string[]; diagonal?: string }): void {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const { footer, diagonal } = stamp(index, pages.length);
      const lines = footer.flatMap((f) => this.wrap(f, this.fonts.regular, 7, this.width)).slice(-FOOTER_LINES);
      lines.reverse().forEach((line, n) => {
        page.drawText(line, { x: this.left, y: 24 + n * 9, size: 7, font: this.fonts.regular, color: GREY });
      });
      page.drawLine({
        start: { x: this.left, y: BODY_BOTTOM - 6 },
        end: { x: this.left + this.width, y: BODY_BOTTOM - 6 },
        thickness: 0.4,
        color: RULE,
      });
      if (diagonal) this.diagonal(page, this.clean(diagonal));
    });
  }

  private diagonal(page: PDFPage, text: string): void {
    const [w, h] = A4;
    const angle = Math.atan2(h, w);
    const font = this.fonts.bold;
    const size = Math.min(28, (28 * Math.hypot(w, h) * 0.75) / Math.max(1, font.widthOfTextAtSize(text, 28)));
    const tw = font.widthOfTextAtSize(text, size);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    page.drawText(text, {
      x: w / 2 - (tw / 2) * cos + (size / 3) * sin,
      y: h / 2 - (tw / 2) * sin - (size / 3) * cos,
      size,
      font,
      color: rgb(0.6, 0.6, 0.6),
      opacity: 0.3,
      rotate: degrees((angle * 180) / Math.PI),
    });
  }
}

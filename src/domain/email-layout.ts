// The frame every email shares, built-in wording or a person's own template alike: one readable
// column, the invoice table, and the reply line that tells the customer a person is listening.
import { safeHtml, SafeHtml } from './html';
import { COLUMNS, type Row } from './invoice-table';

export function emailDocument(content: SafeHtml): string {
  return safeHtml`<!DOCTYPE html>
<html>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222;">
${content}</body>
</html>
`.value;
}

export function replyLine(replyTo: string): string {
  return `Just reply to this email, or write to us at ${replyTo}. It comes straight to our team.`;
}

export function replyLink(replyTo: string): SafeHtml {
  return safeHtml`<a href="mailto:${replyTo}">${replyTo}</a>`;
}

export function replyHtml(replyTo: string): SafeHtml {
  return safeHtml`Just reply to this email, or write to us at ${replyLink(replyTo)}. It comes straight to our team.`;
}

/** `payUrls`, in row order: a last column of links to view and pay online, when any invoice has one. */
export function htmlTable(rows: readonly Row[], payUrls: readonly (string | null)[] = []): SafeHtml {
  const style = (c: number) =>
    `padding: 4px 12px 4px 0; border-bottom: 1px solid #ddd; text-align: ${c === COLUMNS.length - 1 ? 'right' : 'left'};`;
  const pays = payUrls.some((url) => url !== null);
  const payHead = pays ? safeHtml`<th style="${style(0)}; padding-left: 12px;">Pay online</th>` : '';
  const payCell = (n: number) => {
    if (!pays) return '';
    const url = payUrls[n];
    const link = url ? safeHtml`<a href="${url}">View and pay</a>` : '';
    return safeHtml`<td style="${style(0)}; padding-left: 12px;">${link}</td>`;
  };
  const head = COLUMNS.map((h, c) => safeHtml`<th style="${style(c)}">${h}</th>`);
  const body = rows.map(
    (r, n) =>
      safeHtml`<tr>${r.map((v, c) => safeHtml`<td style="${style(c)}">${v}</td>`)}${payCell(n)}</tr>\n`,
  );
  return safeHtml`<table style="border-collapse: collapse; margin: 12px 0;">
<thead><tr>${head}${payHead}</tr></thead>
<tbody>
${body}</tbody>
</table>`;
}

// Quoted header blocks written without `>`: Outlook's "-----Original Message-----" / From: Sent: To: Subject:, and forwards.

/** Separator lines that open a quoted message (Outlook, Thunderbird, Gmail, Apple Mail), in common languages. */
const SEPARATOR =
  /^\s*(?:-{2,}\s*(?:Original Message|Forwarded Message|Ursprüngliche Nachricht|Weitergeleitete Nachricht|Message d'origine|Message transféré|Mensaje original|Mensaje reenviado|Messaggio originale|Messaggio inoltrato|Oorspronkelijk bericht|Doorgestuurd bericht|Mensagem original|Mensagem encaminhada|Исходное сообщение|Пересылаемое сообщение)\s*-{2,}|Begin forwarded message:)\s*$/i;
const UNDERSCORES = /^_{10,}\s*$/;
const FROM = /^(?:From|Von|De|Da|Van|От)\s?:/i;
const SENT = /^(?:Sent|Gesendet|Envoyé|Enviado(?: el)?|Inviato|Verzonden|Отправлено)\s?:/i;
const TO_OR_SUBJECT = /^(?:To|Subject|An|Betreff|À|Objet|Para|Asunto|A|Oggetto|Aan|Onderwerp|Кому|Тема)\s?:/i;
const HEADER =
  /^(?:From|Sent|Date|To|Cc|Bcc|Subject|Reply-To|Importance|Von|Gesendet|Datum|An|Betreff|Kopie|De|Envoyé|À|Objet|Para|Enviado(?: el)?|Asunto|Fecha|Da|Inviato|Data|A|Oggetto|Van|Verzonden|Aan|Onderwerp|От|Отправлено|Кому|Копия|Тема|Дата)\s?:(?:\s|$)/i;
const MAX_HEADER_LINES = 30;
const MAX_LINE = 1000;

/**
 * End (exclusive) of a quoted header block starting at line `i`, whose lines all have the quote depth of line `i`;
 * -1 if none starts there. A separator line is a block by itself (its headers, if any, follow it); without one, the
 * block needs From:, Sent: and To: or Subject: lines (Outlook's form, often under a line of underscores). Header values
 * wrapped onto a line of their own (Outlook wraps at 76 columns, often without indenting) stay in the block.
 */
export function quotedHeadersEnd(text: readonly string[], depth: readonly number[], i: number): number {
  const d = depth[i]!;
  if (!sameLevel(text, depth, d, i)) return -1;
  const first = text[i]!;
  let k = i;
  let separator = false;
  if (SEPARATOR.test(first)) {
    separator = true;
    k = i + 1;
    if (sameLevel(text, depth, d, k) && text[k]!.trim() === "" && sameLevel(text, depth, d, k + 1) && HEADER.test(text[k + 1]!)) k++;
  } else if (UNDERSCORES.test(first)) {
    if (!sameLevel(text, depth, d, i + 1) || !FROM.test(text[i + 1]!)) return -1;
    k = i + 1;
  } else if (!FROM.test(first)) {
    return -1;
  }
  let from = false;
  let sent = false;
  let toOrSubject = false;
  let headers = 0;
  while (sameLevel(text, depth, d, k) && headers < MAX_HEADER_LINES) {
    const line = text[k]!;
    if (HEADER.test(line)) {
      from ||= FROM.test(line);
      sent ||= SENT.test(line);
      toOrSubject ||= TO_OR_SUBJECT.test(line);
      headers++;
    } else if (!(headers > 0 && line.trim() !== "" && isContinuation(line, text[k - 1]!, sameLevel(text, depth, d, k + 1) ? text[k + 1]! : ""))) {
      break;
    }
    k++;
  }
  if (separator) return k;
  return from && sent && toOrSubject ? k : -1;
}

/**
 * Whether line `k` is in the block: there, at quote depth `d`, and not overlong. A function of its
 * own rather than a closure: the check runs for every line of every body, and a closure made per
 * call costs more than the check.
 */
function sameLevel(text: readonly string[], depth: readonly number[], d: number, k: number): boolean {
  return k < text.length && depth[k] === d && text[k]!.length <= MAX_LINE;
}

/** A header value wrapped onto the next line: indented, or after a line ending in a space or comma, or with a header under it. */
function isContinuation(line: string, previous: string, next: string): boolean {
  return /^\s/.test(line) || /[\s,;]$/.test(previous) || HEADER.test(next);
}

import type { APIEmbed } from 'discord.js';

/**
 * Discord's documented embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * A message breaking any of them is rejected outright, so every embed we send goes through
 * {@link fitEmbeds} rather than trusting that quotes are short.
 */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of all titles, descriptions, field names and values, footers and author names in one message. */
  totalCharacters: 6000,
  embedsPerMessage: 10,
} as const;

/** Characters of an embed that count towards the 6,000 total. */
export function embedCharacters(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Every limit the embeds break, in words; empty when they may be sent. */
export function embedLimitProblems(embeds: readonly APIEmbed[]): string[] {
  const problems: string[] = [];
  if (embeds.length > EMBED_LIMITS.embedsPerMessage) problems.push(`${embeds.length} embeds (limit ${EMBED_LIMITS.embedsPerMessage})`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const check = (what: string, length: number | undefined, limit: number): void => {
      if ((length ?? 0) > limit) problems.push(`embed ${i} ${what}: ${length} characters (limit ${limit})`);
    };
    check('title', embed.title?.length, EMBED_LIMITS.title);
    check('description', embed.description?.length, EMBED_LIMITS.description);
    check('footer', embed.footer?.text.length, EMBED_LIMITS.footerText);
    check('author', embed.author?.name.length, EMBED_LIMITS.authorName);
    if ((embed.fields?.length ?? 0) > EMBED_LIMITS.fields) problems.push(`embed ${i}: ${embed.fields!.length} fields (limit ${EMBED_LIMITS.fields})`);
    embed.fields?.forEach((field, j) => {
      check(`field ${j} name`, field.name.length, EMBED_LIMITS.fieldName);
      check(`field ${j} value`, field.value.length, EMBED_LIMITS.fieldValue);
    });
    total += embedCharacters(embed);
  });
  if (total > EMBED_LIMITS.totalCharacters) problems.push(`${total} characters in all (limit ${EMBED_LIMITS.totalCharacters})`);
  return problems;
}

/** Shortens text to `limit` characters at a word boundary, ending with "…". */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > limit / 2 ? head.slice(0, space) : head).replace(/[\s\\]+$/, '')}…`;
}

/**
 * Makes embeds fit every limit: over-long parts are shortened at a word; then, until the message
 * is under 6,000 characters, trailing fields (the lowest-ranked quotes) are dropped, then extra
 * embeds, then text is shortened, and the footer says the message was shortened. Returns new
 * objects; the input is not changed.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, EMBED_LIMITS.embedsPerMessage).map((embed) => {
    const copy: APIEmbed = { ...embed };
    if (copy.title !== undefined) copy.title = truncate(copy.title, EMBED_LIMITS.title);
    if (copy.description !== undefined) copy.description = truncate(copy.description, EMBED_LIMITS.description);
    if (copy.footer) copy.footer = { ...copy.footer, text: truncate(copy.footer.text, EMBED_LIMITS.footerText) };
    if (copy.author) copy.author = { ...copy.author, name: truncate(copy.author.name, EMBED_LIMITS.authorName) };
    if (copy.fields) {
      copy.fields = copy.fields.slice(0, EMBED_LIMITS.fields).map((field) => ({
        ...field,
        name: truncate(field.name, EMBED_LIMITS.fieldName),
        value: truncate(field.value, EMBED_LIMITS.fieldValue),
      }));
    }
    return copy;
  });
  const total = (): number => fitted.reduce((sum, embed) => sum + embedCharacters(embed), 0);
  const note = "(shortened to fit Discord's limits)";
  const budget = EMBED_LIMITS.totalCharacters - note.length - 3;
  if (total() <= EMBED_LIMITS.totalCharacters) return fitted;
  // Least important first: later quotes, then extra embeds, then long descriptions, footers, titles.
  while (total() > budget) {
    const withFields = [...fitted].reverse().find((embed) => (embed.fields?.length ?? 0) > 0);
    if (withFields) {
      withFields.fields = withFields.fields!.slice(0, -1);
      continue;
    }
    if (fitted.length > 1) {
      fitted.pop();
      continue;
    }
    const only = fitted[0]!;
    const excess = total() - budget;
    for (const part of ['description', 'footer', 'author', 'title'] as const) {
      const text = part === 'footer' ? only.footer?.text : part === 'author' ? only.author?.name : only[part];
      if (!text) continue;
      const shorter = text.length > excess + 1 ? truncate(text, text.length - excess) : '';
      if (part === 'footer') only.footer = { ...only.footer, text: shorter };
      else if (part === 'author') only.author = { ...only.author, name: shorter || '…' };
      else only[part] = shorter || undefined;
      break;
    }
  }
  const last = fitted[fitted.length - 1]!;
  const footer = last.footer?.text ? truncate(last.footer.text, EMBED_LIMITS.footerText - note.length - 3) : '';
  last.footer = { ...last.footer, text: footer ? `${footer} · ${note}` : note };
  return fitted;
}

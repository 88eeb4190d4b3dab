/**
 * Structural limits of a plan document, checked by the server on every device update before
 * it is applied (server/src/collab/content-scan.ts), and by import and the editors on the
 * device. An update that would break one is refused whole (close code 4422): no person
 * writes a plan that large by hand, and each limit is far above what a real plan holds.
 *
 * Why each exists:
 * - nesting: Yjs deletes and garbage-collects nested types recursively; a rich-text element
 *   nested a few thousand levels deep overflows the stack when it is deleted, which wedged a
 *   plan. ProseMirror's schema here needs at most a handful of levels (list > item > paragraph
 *   inside a fragment inside an action inside a root).
 * - entries per map and items per collection: one update of 400,000 map entries held every
 *   other plan up for over a second.
 * - characters per field: 1.4 million insertions into one title held everyone up for 3 s.
 */
export const PLAN_LIMITS = Object.freeze({
  /** Depth of nested shared types below a root (a root's direct children are depth 1). */
  maxNestingDepth: 64,
  /** Entries of any one map: focus areas, conditions, actions, measures, agenda, PANDA ticks... */
  maxMapEntries: 2_000,
  /** Items (elements, text runs counted by length) in any one array or XML element/fragment's child list. */
  maxChildren: 5_000,
  /** Characters of any one title (the plan's, an item's, a measure's name): the one title limit everywhere. */
  maxTitleChars: 300,
  /** Characters of any one text or rich-text field (one Y.Text / Y.XmlText). */
  maxTextChars: 100_000,
  /** Bytes of any one plain value stored in a map or array (JSON-encoded). */
  maxValueBytes: 16_384,
})

/** One length limit for titles everywhere: the editor, the server's checks and import. */
export const MAX_TITLE_CHARS = PLAN_LIMITS.maxTitleChars

/** Depth of rich-text nesting an import accepts (the same bound, counted from the fragment). */
export const MAX_RICH_TEXT_DEPTH = 32

/** Map keys whose Y.Text is a title (held to maxTitleChars rather than maxTextChars). */
export const TITLE_TEXT_KEYS: ReadonlySet<string> = new Set(['title', 'name', 'community'])

/**
 * Characters of a karakia's words on its agenda item (a plain value, so within maxValueBytes
 * even in te reo Māori's two-byte vowels): a long karakia is a few hundred words.
 */
export const MAX_KARAKIA_CHARS = 4_000

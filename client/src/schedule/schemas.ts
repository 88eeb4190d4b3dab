/**
 * The answers about scheduled hui and the calendar feed (shared/src/scheduled-hui.ts), in a
 * chunk of their own: loaded with the first such request, never on the first page.
 */
export { CalendarFeedCreated, ScheduledHuiList, ScheduledHuiView } from '@hononga/shared'

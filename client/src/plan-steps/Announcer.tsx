/**
 * A polite live region: screen readers say its text when it changes (an item moved or
 * removed), without moving focus.
 */
export function Announcer({ message }: { message: string }) {
  return (
    <div role="status" className="visually-hidden">
      {message}
    </div>
  )
}

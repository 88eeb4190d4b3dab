/** Placeholder: being built. */
export function InvitePage({ code }: { code: string }) {
  return <section className="page">Invite {code}</section>
}

/** Placeholder: being built. */
export function SignInPage() {
  return <section className="page">SignInPage</section>
}

/** Placeholder: being built. */
export function SignUpPage() {
  return <section className="page">SignUpPage</section>
}

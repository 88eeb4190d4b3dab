/** Placeholder: being built. */
export function PlanListPage() {
  return <section className="page">PlanListPage</section>
}

/** Placeholder: being built. */
export default function PlanWorkspace({ planId, step }: { planId: string; step: string | undefined }) {
  return (
    <section className="page">
      Plan {planId} {step}
    </section>
  )
}

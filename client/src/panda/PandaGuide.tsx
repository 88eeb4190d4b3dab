import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { isPandaDone, PANDA_PROMPTS, PANDA_STAGES, pandaAnswer, setPandaDone, type PandaPromptId } from '@hononga/shared'
import type * as Y from 'yjs'
import { YTextInput } from '../editor/YTextInput'
import type { PlanSession } from '../sync/planSession'
import { useDocValue } from '../sync/useDocValue'

type Stage = (typeof PANDA_STAGES)[number]

function readDone(doc: Y.Doc): Record<string, boolean> {
  return Object.fromEntries(PANDA_PROMPTS.map((prompt) => [prompt, isPandaDone(doc, prompt)]))
}

/**
 * The problem-solving (PANDA) guide: five stages a problem moves through, and Target, Test,
 * Track across them, each with prompts to work through with partners. Facilitators tick a
 * prompt done and write the plan's answer to it (shared live, like the rest of the plan);
 * everyone else reads.
 */
export function PandaGuide({ session, canEdit }: { session: PlanSession; canEdit: boolean }) {
  const { t } = useTranslation('panda')
  const done = useDocValue(session.doc, readDone)
  const doneCount = PANDA_PROMPTS.filter((prompt) => done[prompt]).length
  return (
    <div className="panda-guide">
      <p className="panda-intro">{t('intro')}</p>
      <p className="panda-overall">{t('overall', { done: doneCount, total: PANDA_PROMPTS.length })}</p>
      <ol className="panda-stages">
        {PANDA_STAGES.map((stage, index) => (
          <li key={stage.id}>
            <StageSection stage={stage} open={index === 0} session={session} canEdit={canEdit} done={done} />
          </li>
        ))}
      </ol>
    </div>
  )
}

function StageSection({
  stage,
  open,
  session,
  canEdit,
  done,
}: {
  stage: Stage
  open: boolean
  session: PlanSession
  canEdit: boolean
  done: Record<string, boolean>
}) {
  const { t } = useTranslation('panda')
  const stageDone = stage.prompts.filter((prompt) => done[prompt]).length
  return (
    <details className={`panda-stage panda-stage-${stage.id}`} open={open}>
      <summary>
        <span className="panda-letter" aria-hidden="true">
          {t(`stages.${stage.id}.letter`)}
        </span>
        <span className="panda-stage-name">{t(`stages.${stage.id}.name`)}</span>
        <span className="panda-stage-count">{t('stageCount', { done: stageDone, total: stage.prompts.length })}</span>
      </summary>
      <p className="panda-purpose">{t(`stages.${stage.id}.purpose`)}</p>
      <ol className="panda-prompts">
        {stage.prompts.map((prompt) => (
          <Prompt key={prompt} prompt={prompt} session={session} canEdit={canEdit} done={done[prompt] === true} />
        ))}
      </ol>
    </details>
  )
}

function Prompt({ prompt, session, canEdit, done }: { prompt: PandaPromptId; session: PlanSession; canEdit: boolean; done: boolean }) {
  const { t } = useTranslation('panda')
  const textId = useId()
  const checkId = useId()
  const question = t(`prompts.${prompt}`)
  return (
    <li className={done ? 'panda-prompt done' : 'panda-prompt'}>
      <p id={textId} className="panda-question">
        {question}
      </p>
      {canEdit ? (
        <div className="panda-done">
          <input
            id={checkId}
            type="checkbox"
            checked={done}
            aria-describedby={textId}
            onChange={(event) => setPandaDone(session.doc, prompt, event.target.checked)}
          />
          <label htmlFor={checkId}>{t('done')}</label>
        </div>
      ) : (
        <p className={done ? 'panda-state done' : 'panda-state'}>
          <span aria-hidden="true">{done ? '✓ ' : '○ '}</span>
          {done ? t('done') : t('notDone')}
        </p>
      )}
      <YTextInput
        text={pandaAnswer(session.doc, prompt)}
        label={t('answerLabel', { question })}
        hideLabel
        multiline
        editable={canEdit}
        placeholder={t('answerPlaceholder')}
        emptyText={t('noAnswer')}
        className="panda-answer"
      />
    </li>
  )
}

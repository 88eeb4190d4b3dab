import type { CommandAnswer, GovernanceCommand } from '../service'
import { deleteCommentReply, deleteCommentThread, patchCommentThread, replyToComment, startCommentThread } from './comments'
import { putCommitment, withdrawOwnCommitment } from './commitments'
import { clearItemEngagement, putEngagement } from './engagement'
import { endRunningHui } from './end-hui'
import { advanceHui, setFocus, setTimer, startRunningHui } from './hui'
import { markItemAgreed } from './mark-agreed'
import { deleteTopic, park, patchTopic } from './parking-lot'
import { putPosition, withdrawOwnPosition } from './positions'
import { promoteTopic } from './promote'
import { addProgress, deleteProgress } from './progress'
import type { CommandScope } from './run'
import { decideRelease, markWithheld, requestRelease, withdrawWithheld } from './withheld'

export { CommandRunner, type CommandScope } from './run'
export { ensureMinutes } from './end-hui'

/** Runs one governance command in its scope (see run.ts): the handler of each lives in its own file. */
export function applyCommand(scope: CommandScope, command: GovernanceCommand): CommandAnswer | Promise<CommandAnswer> {
  switch (command.name) {
    case 'putPosition':
      return putPosition(scope, command.body)
    case 'withdrawPosition':
      return withdrawOwnPosition(scope, command.target)
    case 'huiStart':
      return startRunningHui(scope, command.body, command.agenda)
    case 'huiAdvance':
      return advanceHui(scope, command.body)
    case 'huiTimer':
      return setTimer(scope, command.body)
    case 'huiFocus':
      return setFocus(scope, command.body)
    case 'huiEnd':
      return endRunningHui(scope)
    case 'park':
      return park(scope, command.body)
    case 'patchTopic':
      return patchTopic(scope, command.topicId, command.body, command.owner)
    case 'deleteTopic':
      return deleteTopic(scope, command.topicId)
    case 'promoteTopic':
      return promoteTopic(scope, command.topicId)
    case 'startThread':
      return startCommentThread(scope, command.body)
    case 'reply':
      return replyToComment(scope, command.threadId, command.body)
    case 'patchThread':
      return patchCommentThread(scope, command.threadId, command.body)
    case 'deleteThread':
      return deleteCommentThread(scope, command.threadId)
    case 'deleteReply':
      return deleteCommentReply(scope, command.threadId, command.replyId)
    case 'addProgress':
      return addProgress(scope, command.actionId, command.body)
    case 'deleteProgress':
      return deleteProgress(scope, command.actionId, command.entryId)
    case 'markAgreed':
      return markItemAgreed(scope, command.body, command.voices)
    case 'putEngagement':
      return putEngagement(scope, command.body)
    case 'clearEngagement':
      return clearItemEngagement(scope, command.target)
    case 'putCommitment':
      return putCommitment(scope, command.commitment, command.body)
    case 'withdrawCommitment':
      return withdrawOwnCommitment(scope, command.commitment)
    case 'putWithheld':
      return markWithheld(scope, command.body)
    case 'withdrawWithheld':
      return withdrawWithheld(scope, command.target)
    case 'requestRelease':
      return requestRelease(scope, command.body)
    case 'decideRelease':
      return decideRelease(scope, command.requestId, command.body)
  }
}

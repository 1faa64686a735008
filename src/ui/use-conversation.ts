/**
 * The pane's view of the conversation (src/conversation/): one Conversation per
 * sandbox, its state rendered as it changes, its settings and store kept current.
 * Components send intents to `conversation`; nothing here decides anything.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AuditSink } from '../conversation/audit-recorder';
import { Conversation, type ConversationSettings, type HistoryPort } from '../conversation/conversation';
import type { SandboxPort } from '../agent/run-request';
import type { SandboxRunner } from '../excel/read-workbook';

export function useConversation(sandbox: SandboxPort & SandboxRunner, settings: ConversationSettings, ports: { audit: AuditSink; history: HistoryPort }) {
  // Settings and the store reach it through the effects below; a new conversation only for a new sandbox.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const conversation = useMemo(() => new Conversation({ sandbox, settings }), [sandbox]);
  useEffect(() => conversation.configure(settings), [conversation, settings]);
  const { audit, history } = ports;
  useEffect(() => conversation.connect({ audit, history }), [conversation, audit, history]);
  const state = useSyncExternalStore(conversation.subscribe, conversation.getState);
  return { conversation, state };
}

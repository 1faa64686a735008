/**
 * The files the user added, each profiled once as it arrives (adding or removing
 * another does not profile it again; the profiles go on to the conversation, which
 * does not profile them either), with the insights across them.
 */
import type { FileProfile } from '../../workers/api';
import { computeInsights, type Insights } from '../agent/insights';
import type { SandboxPort } from '../agent/run-request';
import type { ConversationFile } from './conversation';
import { Observable } from './observable';

export interface AddedFile {
  file: File;
  profile?: FileProfile;
}

export const ACCEPTED = ['.xlsx', '.xlsm', '.csv'];

export interface FileSetView {
  files: AddedFile[];
  insights?: Insights;
  profiling: boolean;
  problem?: string;
}

/** A file the user added, as the conversation reads it. */
export const conversationFile = (added: AddedFile): ConversationFile => ({ name: added.file.name, size: added.file.size, profile: added.profile, read: () => added.file.arrayBuffer() });

export class FileSet extends Observable<FileSetView> {
  /** Only the newest profiling may set the files: an older one finishing late is dropped. */
  private generation = 0;

  constructor(private readonly sandbox: SandboxPort) {
    super({ files: [], profiling: false });
  }

  names(): string[] {
    return this.state.files.map((f) => f.file.name);
  }

  forConversation(): ConversationFile[] {
    return this.state.files.map(conversationFile);
  }

  add(incoming: File[]): void {
    const rejected = incoming.filter((f) => !ACCEPTED.some((ext) => f.name.toLowerCase().endsWith(ext)));
    const problem = rejected.length ? `${rejected.map((f) => f.name).join(', ')}: only ${ACCEPTED.join(', ')} files can be added. Save other formats as .xlsx in Excel first.` : undefined;
    this.update({ problem });
    const accepted = incoming.filter((f) => !rejected.includes(f));
    if (!accepted.length) return;
    // A file added again under the same name replaces the earlier one.
    const next = [...this.state.files.filter((f) => !accepted.some((a) => a.name === f.file.name)), ...accepted.map((file) => ({ file }))];
    this.update({ files: next });
    void this.profileAll(next);
  }

  remove(name: string): void {
    const next = this.state.files.filter((f) => f.file.name !== name);
    this.update({ files: next });
    if (next.length) void this.profileAll(next);
    else this.update({ insights: undefined });
  }

  /** Profiles the files that have no profile yet; the insights are over all of them. */
  private async profileAll(next: AddedFile[]): Promise<void> {
    const generation = ++this.generation;
    const todo = next.filter((f) => !f.profile);
    if (!todo.length) {
      this.update({ insights: computeInsights(next.flatMap((f) => (f.profile ? [f.profile] : []))) });
      return;
    }
    this.update({ profiling: true });
    const inputs = await Promise.all(todo.map(async (f) => ({ name: f.file.name, bytes: await f.file.arrayBuffer() })));
    const result = await this.sandbox.profile(inputs);
    if (generation !== this.generation) return;
    if (!result.ok) {
      this.update({ profiling: false, problem: result.error.message });
      return;
    }
    const withProfiles = next.map((f) => (f.profile ? f : { ...f, profile: result.files.find((p) => p.name === f.file.name) }));
    this.update({ profiling: false, files: withProfiles, insights: computeInsights(withProfiles.flatMap((f) => (f.profile ? [f.profile] : []))) });
  }
}

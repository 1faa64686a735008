/** The files the user added, each with its profile and the insights across them. */
import { useCallback, useState } from 'react';
import type { FileProfile } from '../../workers/api';
import { computeInsights, type Insights } from '../agent/insights';
import type { SandboxPort } from '../agent/run-request';

export interface AddedFile {
  file: File;
  profile?: FileProfile;
}

export const ACCEPTED = ['.xlsx', '.xlsm', '.csv'];

export function useFiles(sandbox: SandboxPort) {
  const [files, setFiles] = useState<AddedFile[]>([]);
  const [insights, setInsights] = useState<Insights | undefined>();
  const [profiling, setProfiling] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  const profileAll = useCallback(
    async (next: AddedFile[]) => {
      setProfiling(true);
      const result = await sandbox.profile(await Promise.all(next.map(async (f) => ({ name: f.file.name, bytes: await f.file.arrayBuffer() }))));
      setProfiling(false);
      if (!result.ok) {
        setProblem(result.error.message);
        return;
      }
      const withProfiles = next.map((f) => ({ ...f, profile: result.files.find((p) => p.name === f.file.name) }));
      setFiles(withProfiles);
      setInsights(computeInsights(result.files));
    },
    [sandbox],
  );

  const add = useCallback(
    (incoming: File[]) => {
      setProblem(undefined);
      const rejected = incoming.filter((f) => !ACCEPTED.some((ext) => f.name.toLowerCase().endsWith(ext)));
      if (rejected.length) setProblem(`${rejected.map((f) => f.name).join(', ')}: only ${ACCEPTED.join(', ')} files can be added. Save other formats as .xlsx in Excel first.`);
      const accepted = incoming.filter((f) => !rejected.includes(f));
      if (!accepted.length) return;
      // A file added again under the same name replaces the earlier one.
      const next = [...files.filter((f) => !accepted.some((a) => a.name === f.file.name)), ...accepted.map((file) => ({ file }))];
      setFiles(next);
      void profileAll(next);
    },
    [files, profileAll],
  );

  const remove = useCallback(
    (name: string) => {
      const next = files.filter((f) => f.file.name !== name);
      setFiles(next);
      if (next.length) void profileAll(next);
      else setInsights(undefined);
    },
    [files, profileAll],
  );

  return { files, insights, profiling, problem, add, remove };
}

// Recovery of a damaged file into a new one (issue 17): the two contract calls the recovery panel
// needs, handed to it as they are. The page never names the output file: the desktop's native save
// dialog or the server does (a name beside the input).
import type { Api } from '../../../electron/shared/contract';
import type { SliceDeps } from './state';

export interface RecoverySlice {
  recoveryApi: Pick<Api, 'listWalCommits' | 'recoverDatabase'>;
}

export function createRecoverySlice({ api }: SliceDeps): RecoverySlice {
  return {
    recoveryApi: {
      listWalCommits: (request) => api.listWalCommits(request),
      recoverDatabase: (request) => api.recoverDatabase(request),
    },
  };
}

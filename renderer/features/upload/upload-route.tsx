import { useMemo } from 'react';
import type { ClientApi } from '../../api/index.js';
import { selectPrepared, useMapReview } from '../../state/map-review-store.js';
import { UploadStep } from './upload-step.js';
import type { PreparedUpload } from './upload-step.js';

/** The Upload step fed from the Review step's prepared session (nothing to send while Upload is not allowed). */
export function UploadRoute({ api }: { readonly api: ClientApi }) {
  const file = useMapReview((s) => s.file);
  const review = useMapReview((s) => s.review);
  const prepared = useMemo<PreparedUpload | null>(() => {
    const p = selectPrepared({ file, review });
    return p && p.uploadAllowed ? { preparedDir: p.preparedDir, rows: p.counts.ready, batches: p.batches } : null;
  }, [file, review]);
  return <UploadStep api={api} prepared={prepared} />;
}

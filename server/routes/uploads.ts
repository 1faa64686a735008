/**
 * POST /uploads: multipart, one or more files, each streamed straight to disk
 * (never held in memory) while its size and SHA-256 are counted. Over the
 * limit, or with a bad name, the whole upload is deleted: nothing partial
 * stays on disk.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { fileNameProblem } from '../file-names';
import { HttpError, formatBytes } from '../http-errors';
import type { UploadedFile } from '../job-types';
import type { Store } from '../store';
import type { UploadReceipt } from '../wire';

/** More files than this in one upload is a mistake, not a workload. */
const MAX_FILES = 100;

export function registerUploads(app: FastifyInstance, store: Store, maxUploadBytes: number): void {
  const tooLarge = () => new HttpError(413, 'too-large', `The upload is larger than this server's limit of ${formatBytes(maxUploadBytes)}; nothing was kept.`);

  app.post('/uploads', async (request, reply) => {
    if (!request.isMultipart()) throw new HttpError(415, 'bad-request', 'Send the files as multipart/form-data.');
    const uploadId = randomUUID();
    const dir = store.beginUpload(uploadId);
    const files: UploadedFile[] = [];
    let total = 0;
    try {
      for await (const part of request.files({ limits: { fileSize: maxUploadBytes, files: MAX_FILES } })) {
        const name = part.filename;
        const problem = fileNameProblem(name);
        if (problem !== null) throw new HttpError(400, 'bad-request', `Refused file name ${JSON.stringify(name)}: ${problem}.`);
        if (files.some((file) => file.name === name)) throw new HttpError(400, 'bad-request', `The file name ${JSON.stringify(name)} appears twice in this upload.`);
        const hash = createHash('sha256');
        let size = 0;
        const count = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            size += chunk.length;
            total += chunk.length;
            if (total > maxUploadBytes) return callback(tooLarge());
            hash.update(chunk);
            callback(null, chunk);
          },
        });
        await pipeline(part.file, count, createWriteStream(join(dir, name), { flags: 'wx', mode: 0o600 }));
        // busboy stops a file at fileSize and marks it truncated instead of failing the stream.
        if (part.file.truncated) throw tooLarge();
        files.push({ name, size, sha256: hash.digest('hex') });
      }
      if (files.length === 0) throw new HttpError(400, 'bad-request', 'The upload has no files.');
      store.commitUpload({ id: uploadId, createdAt: Date.now(), files });
    } catch (error) {
      store.discardUpload(uploadId);
      // Stop reading the rest of a refused body and close the connection after the answer.
      reply.header('connection', 'close');
      const status = (error as { statusCode?: number }).statusCode;
      throw status === 413 && !(error instanceof HttpError) ? tooLarge() : error;
    }
    request.log.info({ uploadId, files: files.length, bytes: total }, 'upload received');
    return reply.code(201).send({ uploadId, files } satisfies UploadReceipt);
  });
}

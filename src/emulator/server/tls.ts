/**
 * A certificate for serving the emulated org over HTTPS, made at start with the openssl command line (the Salesforce
 * CLI's `sf org login client-credentials` refuses plain HTTP). Self-signed, for 127.0.0.1 and localhost, valid two
 * days; clients trust it through NODE_EXTRA_CA_CERTS=<certificatePath> (read by Node at process start).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Where the certificate (PEM) is, for NODE_EXTRA_CA_CERTS. The key stays next to it, readable by the owner only. */
  readonly certificatePath: string;
}

export class TlsSetupError extends Error {}

export function makeCertificate(dir?: string): TlsMaterial {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'apionly-emulated-org-tls-'));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const certificatePath = join(folder, 'emulated-org.crt');
  const keyPath = join(folder, 'emulated-org.key');
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=apionly emulated org', '-addext', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
        '-keyout', keyPath, '-out', certificatePath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
    );
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    const why = e.code === 'ENOENT' ? 'the openssl command is not installed' : (e.stderr?.toString().trim() || e.message);
    throw new TlsSetupError(`Cannot make a certificate for --https: ${why}. Install OpenSSL (e.g. apt-get install openssl), or serve plain HTTP.`);
  }
  return { cert: readFileSync(certificatePath), key: readFileSync(keyPath), certificatePath };
}

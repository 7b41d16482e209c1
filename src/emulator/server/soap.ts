/**
 * SOAP Metadata API (/services/Soap/m/{version}): deploy, checkDeployStatus, cancelDeploy,
 * deployRecentValidation, retrieve, checkRetrieveStatus, listMetadata, readMetadata, describeMetadata.
 * Request and response rules: reference/wire-protocol.md §3 and §12.
 */
import type { EmulatedOrg, RetrieveTypeMembers } from '../model/api';
import { SalesforceError } from '../model/api';
import { compareVersions, Reply, ServerContext, xml } from './http';
import { deployResult, retrieveResult } from './jobs';
import { toDeployOptions } from './rest';
import { METADATA_NS, parseSoapRequest, soapBool, soapFault, soapList, soapResponse, soapString, SoapParseError, SoapRequest } from './soapXml';

export function faultReply(faultcode: string, faultstring: string): Reply {
  return xml(500, soapFault(faultcode, faultstring));
}

/** A model error as a SOAP fault: faultcode sf:CODE, faultstring "CODE: message" as Salesforce writes it. */
export function salesforceFault(err: SalesforceError): Reply {
  return faultReply(`sf:${err.errorCode}`, `${err.errorCode}: ${err.message}`);
}

/** Parses the envelope once (for fault matching by method) and keeps the result for the handler. */
export function peekSoap(body: Buffer): SoapRequest | SoapParseError {
  try {
    return parseSoapRequest(body.toString('utf8'));
  } catch (err) {
    if (err instanceof SoapParseError) return err;
    throw err;
  }
}

export async function handleSoap(ctx: ServerContext, version: string, parsed: SoapRequest | SoapParseError): Promise<Reply> {
  if (parsed instanceof SoapParseError) return faultReply('soapenv:Client', parsed.message);
  const org = parsed.sessionId ? ctx.world.orgForToken(parsed.sessionId) : undefined;
  if (!org) {
    // Real text: "INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session".
    return faultReply('sf:INVALID_SESSION_ID', 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session');
  }
  if (compareVersions(version, org.maxApiVersion) > 0) {
    // Salesforce refuses versions above the org's with UNSUPPORTED_API_VERSION (wording emulator-invented).
    return faultReply('sf:UNSUPPORTED_API_VERSION', `UNSUPPORTED_API_VERSION: Invalid Api version specified on URL: ${version}; this org serves up to ${org.maxApiVersion}`);
  }
  try {
    return await dispatch(ctx, org, version, parsed);
  } catch (err) {
    if (err instanceof SalesforceError) return salesforceFault(err);
    throw err;
  }
}

async function dispatch(ctx: ServerContext, org: EmulatedOrg, version: string, req: SoapRequest): Promise<Reply> {
  const a = req.args;
  switch (req.method) {
    case 'deploy': {
      const zipB64 = soapString(a, 'ZipFile') ?? '';
      if (zipB64.trim() === '') throw new SalesforceError('INVALID_OPERATION', 'deploy needs a ZipFile (base64 zip).'); // emulator wording
      const rawOptions = typeof a['DeployOptions'] === 'object' && a['DeployOptions'] !== null ? (a['DeployOptions'] as Record<string, unknown>) : {};
      const options = { ...rawOptions, runTests: soapList(rawOptions, 'runTests') };
      const job = await ctx.jobs.createDeploy(org, Buffer.from(zipB64, 'base64'), toDeployOptions(options), rawOptions, { route: 'soap', soapMethod: 'deploy' });
      return xml(200, soapResponse('deploy', { done: false, id: job.id, state: 'Queued' }));
    }
    case 'checkDeployStatus': {
      const id = soapString(a, 'asyncProcessId') ?? '';
      const includeDetails = soapBool(a, 'includeDetails') ?? false;
      const job = ctx.jobs.deploy(org, id, true);
      return xml(200, soapResponse('checkDeployStatus', deployResult(job, includeDetails, { json: false })));
    }
    case 'cancelDeploy': {
      const id = soapString(a, 'id') ?? '';
      const job = ctx.jobs.cancelDeploy(org, id);
      return xml(200, soapResponse('cancelDeploy', { done: job.done, id: job.id }));
    }
    case 'deployRecentValidation': {
      const id = soapString(a, 'validationId') ?? '';
      const job = await ctx.jobs.createQuickDeploy(org, id, { route: 'soap', soapMethod: 'deployRecentValidation' });
      return xml(200, soapResponse('deployRecentValidation', job.id));
    }
    case 'retrieve': {
      const request = (typeof a['request'] === 'object' && a['request'] !== null ? a['request'] : {}) as Record<string, unknown>;
      const unpackaged = (typeof request['unpackaged'] === 'object' && request['unpackaged'] !== null ? request['unpackaged'] : {}) as Record<string, unknown>;
      const types: RetrieveTypeMembers[] = soapList(unpackaged, 'types').map((t) => {
        const tt = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
        return { name: soapString(tt, 'name') ?? '', members: soapList(tt, 'members').map(String) };
      });
      const apiVersion = soapString(request, 'apiVersion') ?? soapString(unpackaged, 'version') ?? version;
      if (compareVersions(apiVersion, org.maxApiVersion) > 0) {
        throw new SalesforceError('UNSUPPORTED_API_VERSION', `Invalid apiVersion ${apiVersion}; this org serves up to ${org.maxApiVersion}`);
      }
      const job = ctx.jobs.createRetrieve(org, types, apiVersion, soapBool(request, 'singlePackage') ?? false);
      return xml(200, soapResponse('retrieve', { done: false, id: job.id, state: 'Queued' }));
    }
    case 'checkRetrieveStatus': {
      const job = await ctx.jobs.retrieve(org, soapString(a, 'asyncProcessId') ?? '');
      return xml(200, soapResponse('checkRetrieveStatus', retrieveResult(job)));
    }
    case 'listMetadata': {
      const results = soapList(a, 'queries').flatMap((q) => {
        const qq = (typeof q === 'object' && q !== null ? q : {}) as Record<string, unknown>;
        return org.listMetadata(soapString(qq, 'type') ?? '');
      });
      return xml(200, soapResponse('listMetadata', results));
    }
    case 'readMetadata': {
      if (!org.readMetadata) throw new SalesforceError('INVALID_TYPE', 'readMetadata is not supported by this emulated org (emulator-invented message)');
      const type = soapString(a, 'type') ?? '';
      const names = soapList(a, 'fullNames').map(String);
      // A name the org does not have comes back as a nil record, as Salesforce answers it.
      // Records carry their type as xsi:type, as Salesforce writes them.
      const records = org.readMetadata(type, names).map((r) => (typeof r['fullName'] === 'string' ? { '@xsi:type': type, ...r } : null));
      return xml(200, soapResponse('readMetadata', { records }));
    }
    case 'describeMetadata': {
      const objects = org.describeMetadata().map((d) => ({
        childXmlNames: d.childXmlNames,
        directoryName: d.directoryName,
        inFolder: d.inFolder,
        metaFile: d.metaFile,
        suffix: d.suffix,
        xmlName: d.xmlName,
      }));
      return xml(
        200,
        soapResponse('describeMetadata', {
          metadataObjects: objects,
          organizationNamespace: '',
          partialSaveAllowed: true,
          testRequired: org.kind === 'production',
        }),
      );
    }
    default:
      // Salesforce's (Axis) answer for an operation the WSDL does not have.
      return faultReply('soapenv:Client', `No operation available for request {${METADATA_NS}}${req.method}, please check the WSDL for the service.`);
  }
}

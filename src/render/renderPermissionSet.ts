import type { PermissionSetModel } from '../model/types';
import { el, renderMetadataXml, type XmlElement } from '../xml';
import { permissionElements } from './renderProfile';

/**
 * The integration route's permission set in canonical bytes (the same writer as the profile: WSDL order, lists sorted
 * by key in byte order). `hasActivationRequired` false is written as a retrieve writes it; `license` is the
 * permission set licence the Integration user holds.
 */
export function renderPermissionSet(model: PermissionSetModel): string {
  const children: XmlElement[] = [];
  if (model.description !== undefined) children.push(el('description', model.description));
  children.push(el('hasActivationRequired', 'false'), el('label', model.label), el('license', model.license), ...permissionElements(model));
  return renderMetadataXml({ type: 'PermissionSet', children });
}

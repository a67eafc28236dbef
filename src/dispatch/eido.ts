import { xmlEscape } from './cap.ts';
import type { IncidentView } from './views.ts';
import { UNIT_KIND_LABELS, type IncidentType, type UnitKind, type UnitStatus } from './model.ts';

/**
 * NENA Emergency Incident Data Object (EIDO), JSON, after NENA-STA-021.1 (EIDO JSON) as published in
 * github.com/NENA911/EIDO-JSON (Schema/openapi.yaml and Samples/) and conveyed per NENA-STA-024.
 * Structure: a top-level object with the common prologue ($id, lastUpdateTimeStamp, updatedBy…Reference),
 * component arrays (incident, location, person, callback, agency, agent, emergencyResource, dispatch,
 * notes, merge), components cross-referenced by {"$ref": <$id>}. Deviations are listed in README.md.
 */

export const EIDO_VERSION = '1.0';

/**
 * APCO ANS 2.103.1 common incident type codes (the list NENA's EIDO schema carries in
 * Schema/NIEMComponents/apco.yaml). Provisional mapping chosen by code name; to be confirmed against the
 * code definitions before real exchange.
 */
export const APCO_INCIDENT_TYPE: Record<IncidentType, string> = {
  fire: 'FUNK',
  rescue: 'RESCUE',
  crime: 'INVEST',
  public_order: 'DISORD',
  traffic_accident: 'MVA',
  medical: 'SICK',
  other: 'ASSIST',
};

const UNIT_STATUS_TEXT: Record<UnitStatus, string> = {
  available: 'Available',
  dispatched: 'Dispatched',
  en_route: 'Enroute',
  on_scene: 'OnScene',
  returning: 'Returning',
  off_duty: 'OutOfService',
};

export interface EidoInput {
  incident: IncidentView;
  links: Array<{ kind: string; refId: string }>;
  units: Array<{ unitId: string; callSign: string; name: string; kind?: UnitKind; unitStatus: UnitStatus; dispatchedAt: string | null; etaSeconds: number | null }>;
  timeline: Array<{ seq: number; at: string; actor: string; action: string; data: Record<string, unknown>; hash: string }>;
  mergedFrom: string[];
  /** Agency identifier (a domain name per NENA-STA-010). */
  agencyId: string;
  /** Who asked for the export. */
  agent: string;
  now: Date;
  timelineHead: string | null;
}

const ref = ($ref: string) => ({ $ref });

/** +84 for Vietnamese numbers given in national format (0xxx…); anything else is passed through. */
export function telUri(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  if (digits.startsWith('0')) return `tel:+84${digits.slice(1)}`;
  return `tel:${digits}`;
}

/** A PIDF-LO (RFC 4119 / RFC 5491) document with a WGS 84 point. */
export function pidfPoint(entity: string, lat: number, lon: number, at: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:gml="http://www.opengis.net/gml" entity="${xmlEscape(entity)}">` +
    '<tuple id="incident-location"><status><gp:geopriv><gp:location-info>' +
    `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${lat} ${lon}</gml:pos></gml:Point>` +
    '</gp:location-info><gp:usage-rules/><gp:method>Manual</gp:method></gp:geopriv></status>' +
    `<timestamp>${at}</timestamp></tuple></presence>`
  );
}

export function buildEido(input: EidoInput) {
  const { incident: inc, agencyId } = input;
  const now = input.now.toISOString();
  const trackingId = (id: string) => `urn:emergency:uid:incidentid:${id}:${agencyId}`;
  const agentId = (u: string) => `${u}@${agencyId}`;
  const prologue = (id: string, at: string = inc.updatedAt, agent?: string) => ({
    $id: id,
    lastUpdateTimeStamp: at,
    updatedByAgencyReference: ref(agencyId),
    ...(agent ? { updatedByAgentReference: ref(agentId(agent)) } : {}),
  });

  const agents = new Map<string, string[]>();
  const role = (u: string, r: string) => agents.set(u, [...new Set([...(agents.get(u) ?? []), r])]);
  role(inc.createdBy, 'Call Taking');
  for (const e of input.timeline) role(e.actor, e.action === 'units_dispatched' ? 'Dispatching' : 'Call Taking');
  role(input.agent, 'Supervisor');

  const locId = `${trackingId(inc.id)}:location:0`;
  const location = inc.lat !== null && inc.lon !== null
    ? [{
        ...prologue(locId),
        locationTypeDescriptionRegistryText: 'Incident',
        locationByValue: pidfPoint(`pres:incident-${inc.id}@${agencyId}`, inc.lat, inc.lon, inc.receivedAt),
        ...(inc.addressText ? { locationDescriptionText: inc.addressText } : {}),
      }]
    : inc.addressText
      ? [{ ...prologue(locId), locationTypeDescriptionRegistryText: 'Incident', locationDescriptionText: inc.addressText }]
      : [];

  const cbId = `${trackingId(inc.id)}:callback:0`;
  const callback = inc.callbackPhone ? [{ ...prologue(cbId, inc.createdAt), callBackInformationUri: [telUri(inc.callbackPhone)] }] : [];
  const personId = `${trackingId(inc.id)}:person:0`;
  const person = inc.reporterName || inc.callbackPhone
    ? [{
        ...prologue(personId, inc.createdAt),
        personIncidentRoleRegistryText: ['Caller'],
        ...(inc.reporterName ? { ncPersonComponent: { personName: { personFullName: inc.reporterName } } } : {}),
        ...(callback.length ? { callBackReference: ref(cbId) } : {}),
      }]
    : [];

  const resources = input.units.map((u) => ({
    ...prologue(`${trackingId(inc.id)}:resource:${u.callSign}`, u.dispatchedAt ?? inc.updatedAt),
    emergencyResourceTypeInternalText: u.kind ? UNIT_KIND_LABELS[u.kind] : 'Lực lượng',
    enforcementUnitName: u.name,
    enforcementUnitIdentification: u.callSign,
    primaryUnitStatusRegistryText: UNIT_STATUS_TEXT[u.unitStatus],
    unitStatusInternal: [u.unitStatus],
    ...(u.dispatchedAt && u.etaSeconds !== null ? { ETA: new Date(new Date(u.dispatchedAt).getTime() + u.etaSeconds * 1000).toISOString() } : {}),
    ...(location.length ? { unitDestinationReference: ref(locId) } : {}),
  }));

  const notes = [
    ...(inc.description ? [{ ...prologue(`${trackingId(inc.id)}:note:description`, inc.createdAt, inc.createdBy), notesActionComments: inc.description, agentReference: ref(agentId(inc.createdBy)) }] : []),
    ...input.timeline.map((e) => ({
      ...prologue(`${trackingId(inc.id)}:note:${e.seq}`, e.at, e.actor),
      notesActionComments: `[${e.seq}] ${e.action} ${JSON.stringify(e.data)} (sha256 ${e.hash})`,
      agentReference: ref(agentId(e.actor)),
    })),
  ];

  const incidentComponentId = `${trackingId(inc.id)}:incident:0`;
  return {
    ...prologue(trackingId(inc.id), now, input.agent),
    eidoVersion: EIDO_VERSION,
    issuingElementIdentification: `binh-yen-cad.${agencyId}`,
    incidentComponent: [
      {
        ...prologue(incidentComponentId),
        incidentTrackingIdentifier: trackingId(inc.id),
        internalIncidentId: inc.code,
        incidentTypeCommonRegistryText: APCO_INCIDENT_TYPE[inc.type],
        incidentTypeInternalCode: inc.type,
        incidentTypeInternalText: inc.typeLabel,
        incidentStatusInternalText: [inc.status],
        incidentPriorityInternalText: `${inc.priority}: ${inc.priorityLabel}`,
        incidentCommonPriorityNumber: inc.priority,
        ...(inc.wardCode ? { beatOrDispatchGroupText: inc.wardCode } : {}),
        ...(location.length ? { locationReference: [ref(locId)] } : {}),
        ...(person.length ? { personReference: [ref(personId)] } : {}),
        ...(notes.length ? { notesReference: notes.map((n) => ref(n.$id)) } : {}),
      },
    ],
    agencyComponent: [
      { ...prologue(agencyId), agencyRoleDescriptionRegistryText: ['CallReceiving', 'Dispatch'], agencyType: ['psap'], incidentOwningAgencyIndicator: true },
    ],
    agentComponent: [...agents.entries()].map(([u, roles]) => ({
      ...prologue(agentId(u)),
      agentIdentification: agentId(u),
      agentRoleRegistryText: roles,
      agencyReference: ref(agencyId),
    })),
    ...(location.length ? { locationComponent: location } : {}),
    ...(person.length ? { personComponent: person } : {}),
    ...(callback.length ? { callbackComponent: callback } : {}),
    ...(resources.length
      ? {
          emergencyResourceComponent: resources,
          dispatchComponent: [{ ...prologue(`${trackingId(inc.id)}:dispatch:0`), organizationIdentification: agencyId, emergencyResourceReference: resources.map((r) => ref(r.$id)) }],
        }
      : {}),
    ...(notes.length ? { notesComponent: notes } : {}),
    ...(inc.mergedInto || input.mergedFrom.length
      ? {
          mergeComponent: [
            ...(inc.mergedInto ? [{ ...prologue(`${trackingId(inc.id)}:merge:into`), incidentTrackingIdentification: trackingId(inc.mergedInto), incidentMergeDirectionCode: 'REPLACED' }] : []),
            ...input.mergedFrom.map((id) => ({ ...prologue(`${trackingId(inc.id)}:merge:${id}`), incidentTrackingIdentification: trackingId(id), incidentMergeDirectionCode: 'REPLACING' })),
          ],
        }
      : {}),
    '@context': { '@vocab': './JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld' },
    // Extension (not part of NENA-STA-021): local references that have no EIDO home.
    'x-binhyen': {
      code: inc.code,
      wardCode: inc.wardCode,
      source: inc.source,
      isDemo: inc.isDemo,
      links: input.links,
      timelineHead: input.timelineHead,
    },
  };
}

/** Every {"$ref"} in the document must name an "$id" that the document defines (agency ids included). */
export function unresolvedRefs(doc: unknown): string[] {
  const ids = new Set<string>();
  const refs: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$id' && typeof x === 'string') ids.add(x);
        else if (k === '$ref' && typeof x === 'string') refs.push(x);
        else walk(x);
      }
    }
  };
  walk(doc);
  return [...new Set(refs.filter((r) => !ids.has(r)))];
}

//! Replaying the audit log (format 2). Each line must chain to the one before and be
//! signed by its actor's key as the trust state in force knows it; each write must be
//! allowed to that actor by that state: a trust change by an admin of the state before
//! it, a record change by a principal the policy lets do that action on that record.
//! What is left is the ledger: the trust state and every record's digest, writer and
//! creator, which the vault file must match.

use super::authority::authorize_change;
use super::document::from_document;
use super::records::Records;
use crate::audit::signature::signed_part;
use crate::audit::{AuditEvent, AuditLine, EventRef};
use crate::crypto::sign::{self, Domain};
use crate::policy::Action;
use crate::policy::readers::administers;
use crate::vault::digest::{Kind, RecordKey};
use crate::vault::{PrincipalName, Trust};
use std::collections::BTreeMap;

/// The last signed change of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub digest: String,
    pub writer: PrincipalName,
    /// Who made the record first (a grant's opener, a keyring's maker).
    pub creator: PrincipalName,
}

/// A write whose line is in the log but which no later write or the vault has
/// confirmed yet: it is applied when the next write builds on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub at: EventRef,
    pub actor: PrincipalName,
    pub trust: Option<Trust>,
    pub changes: Vec<(RecordKey, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub trust: Trust,
    pub records: Records,
    /// The last write applied.
    pub applied: EventRef,
    pub pending: Option<Pending>,
    /// The last line read.
    pub last: EventRef,
    /// Lines of another branch carried by a merge, by seq, until the merge event that
    /// follows them: each with its actor, its signature verified.
    pub carried: BTreeMap<u64, (PrincipalName, AuditEvent)>,
}

/// What the vault file should hold after the replay, for its head.
pub struct Settled {
    pub trust: Trust,
    pub records: Records,
    /// A write whose event is in the log but never reached the vault (a crash).
    pub unfinished: Option<EventRef>,
}

type Breach = String;

impl Ledger {
    /// The ledger after line 0: signed by the root's key, naming the root, holding the
    /// first trust state, in which the root's admin administers the vault.
    #[allow(clippy::too_many_arguments)]
    pub fn genesis(
        vault_id: &str,
        root_fingerprint: &str,
        root_admin: &PrincipalName,
        root_key: &sign::PublicKey,
        seq: u64,
        prev: &str,
        line: &[u8],
    ) -> Result<Ledger, Breach> {
        let parsed = parse(line, seq)?;
        if parsed.seq != seq || parsed.prev != prev {
            return Err(format!("its line {seq} does not continue the chain"));
        }
        let event = &parsed.event;
        if !matches!(event.event.as_str(), "init" | "upgrade")
            || event.vault.as_deref() != Some(vault_id)
            || event.root.as_deref() != Some(root_fingerprint)
            || event.principal.as_deref() != Some(root_admin.as_str())
        {
            return Err(format!(
                "its line {seq} is not the creation of this vault by its root"
            ));
        }
        verify_signature(line, seq, root_key)?;
        let document = event
            .trust
            .as_ref()
            .ok_or_else(|| format!("its line {seq} holds no trust state"))?;
        let trust = from_document(document).map_err(|why| format!("line {seq}: {why}"))?;
        let admin_keys = trust.principals.get(root_admin);
        if admin_keys.and_then(|p| p.signing) != Some(*root_key)
            || !administers(&trust.policy, root_admin)
        {
            return Err(format!(
                "its line {seq} does not make the root's key an admin"
            ));
        }
        let at = EventRef::of_line(seq, line);
        let mut ledger = Ledger {
            trust,
            records: Records::default(),
            applied: at.clone(),
            pending: None,
            last: at.clone(),
            carried: BTreeMap::new(),
        };
        let changes = ledger.authorize(root_admin, event, seq)?;
        ledger.apply(Pending {
            at,
            actor: root_admin.clone(),
            trust: None,
            changes,
        })?;
        Ok(ledger)
    }

    /// Reads the next line of the log.
    pub fn read(&mut self, line: &[u8]) -> Result<(), Breach> {
        let seq = self.last.seq + 1;
        let parsed = parse(line, seq)?;
        if parsed.seq != seq || parsed.prev != self.last.hash {
            return Err(format!(
                "line {seq} does not follow line {} (the chain is broken)",
                self.last.seq
            ));
        }
        let event = &parsed.event;
        let at = EventRef::of_line(seq, line);
        if event.is_write() {
            self.settle_base(event, seq)?;
            let actor = self.actor(event, seq)?;
            verify_signature(line, seq, &self.key_of(&actor, false, seq)?)?;
            let trust = match &event.trust {
                None => None,
                Some(document) => {
                    let signer = self.trust_signer(event, &actor, seq)?;
                    if !administers(&self.trust.policy, &signer) {
                        return Err(format!(
                            "line {seq} changes the trust state, signed by '{signer}', who is not an admin"
                        ));
                    }
                    Some(from_document(document).map_err(|why| format!("line {seq}: {why}"))?)
                }
            };
            let changes = self.authorize(&actor, event, seq)?;
            self.carried.clear();
            self.pending = Some(Pending {
                at: at.clone(),
                actor,
                trust,
                changes,
            });
        } else if event.event == "carried" {
            self.carry(event, seq)?;
        } else if event.event == "request" {
            // A newcomer's request: signed by the key it asks to be known by.
            let key: sign::PublicKey = event
                .key
                .as_deref()
                .and_then(|key| key.parse().ok())
                .ok_or_else(|| format!("line {seq} is a request without a valid key"))?;
            verify_signature(line, seq, &key)?;
        } else {
            let actor = self.actor(event, seq)?;
            verify_signature(line, seq, &self.key_of(&actor, true, seq)?)?;
        }
        self.last = at;
        Ok(())
    }

    /// A write builds on the last write the vault held: the pending one (which it then
    /// confirms) or the one before it (the pending one never reached the vault).
    fn settle_base(&mut self, event: &AuditEvent, seq: u64) -> Result<(), Breach> {
        let base: EventRef = event
            .base
            .as_deref()
            .and_then(|base| base.parse().ok())
            .ok_or_else(|| format!("line {seq} is a write that names no state it builds on"))?;
        match self.pending.take() {
            Some(pending) if pending.at == base => self.apply(pending),
            _ if base == self.applied => Ok(()),
            _ => Err(format!(
                "line {seq} builds on a state (seq {}) that is not the last one written",
                base.seq
            )),
        }
    }

    fn apply(&mut self, pending: Pending) -> Result<(), Breach> {
        if let Some(trust) = pending.trust {
            self.trust = trust;
        }
        for (key, digest) in pending.changes {
            match digest {
                None => {
                    self.records.remove(&key);
                }
                Some(digest) => {
                    let creator = self
                        .records
                        .get(&key)
                        .map_err(unreadable_pin)?
                        .map_or_else(|| pending.actor.clone(), |r| r.creator);
                    self.records.insert(
                        key,
                        Record {
                            digest,
                            writer: pending.actor.clone(),
                            creator,
                        },
                    );
                }
            }
        }
        self.applied = pending.at;
        Ok(())
    }

    fn actor(&self, event: &AuditEvent, seq: u64) -> Result<PrincipalName, Breach> {
        event
            .principal
            .as_deref()
            .and_then(|name| name.parse().ok())
            .ok_or_else(|| format!("line {seq} names no principal"))
    }

    /// The signing key of `actor` in the trust state in force (or, for an event that
    /// writes nothing, in the one a pending write is about to put in force).
    fn key_of(
        &self,
        actor: &PrincipalName,
        either: bool,
        seq: u64,
    ) -> Result<sign::PublicKey, Breach> {
        let pending = self
            .pending
            .as_ref()
            .and_then(|p| p.trust.as_ref())
            .filter(|_| either);
        [Some(&self.trust), pending]
            .into_iter()
            .flatten()
            .find_map(|trust| trust.principals.get(actor).and_then(|p| p.signing))
            .ok_or_else(|| {
                format!("line {seq} is signed in the name of '{actor}', who holds no signing key in the vault")
            })
    }

    /// Applies the pending write when the vault's head names it: this machine saw the
    /// vault with that write, so a vault without it later is an older copy, not an
    /// interrupted command.
    pub fn confirm(&mut self, head: &EventRef) -> Result<(), Breach> {
        match self.pending.take_if(|pending| pending.at == *head) {
            Some(pending) => self.apply(pending),
            None => Ok(()),
        }
    }

    /// The state the vault file must hold, given the write its head names.
    pub fn settle(&self, head: &EventRef) -> Result<Settled, Breach> {
        let mut settled = self.clone();
        let mut unfinished = None;
        if let Some(pending) = settled.pending.take() {
            if pending.at == *head {
                settled.apply(pending)?;
            } else {
                unfinished = Some(pending.at);
            }
        }
        if settled.applied != *head {
            return Err(if head.seq > self.last.seq {
                format!(
                    "the vault names write {} but the audit log ends at line {}: the log was truncated or the vault replaced",
                    head.seq, self.last.seq
                )
            } else {
                format!(
                    "the vault is at write {} but the audit log records later writes (up to {}): the vault is an older copy",
                    head.seq, self.applied.seq
                )
            });
        }
        Ok(Settled {
            trust: settled.trust,
            records: settled.records,
            unfinished,
        })
    }
}

/// A pinned record that could not be read: this machine's pin, not the vault, is at fault.
fn unreadable_pin(err: std::io::Error) -> Breach {
    format!(
        "this machine's trust pin could not be read ({err}); `tresor trust forget` and verify again from the root"
    )
}

fn parse(line: &[u8], seq: u64) -> Result<AuditLine, Breach> {
    serde_json::from_slice(line).map_err(|_| format!("line {seq} is not an audit event"))
}

fn verify_signature(line: &[u8], seq: u64, key: &sign::PublicKey) -> Result<(), Breach> {
    let (signed, signature) =
        signed_part(line).ok_or_else(|| format!("line {seq} is not signed"))?;
    if key.verify(Domain::Event, &signed, &signature) {
        Ok(())
    } else {
        Err(format!(
            "the signature of line {seq} does not verify with its actor's key"
        ))
    }
}

impl Ledger {
    /// Checks every change `event` names: made with a right `actor` holds, or, on a
    /// merge, carried from the other branch where its own signed writer held the right
    /// (judged by the trust state the merge leaves).
    fn authorize(
        &self,
        actor: &PrincipalName,
        event: &AuditEvent,
        seq: u64,
    ) -> Result<Vec<(RecordKey, Option<String>)>, Breach> {
        // The state the merge leaves, carried from the other branch or combined and
        // signed by the merger (an admin, checked before this).
        let carried_trust = match &event.trust {
            Some(document) if event.event == "merge" => {
                Some(from_document(document).map_err(|why| format!("line {seq}: {why}"))?)
            }
            _ => None,
        };
        let mut changes = Vec::with_capacity(event.changes.len());
        for change in &event.changes {
            let kind = Kind::parse(&change.kind)
                .ok_or_else(|| format!("line {seq} changes a record of an unknown kind"))?;
            let key = RecordKey {
                kind,
                key: change.key.clone(),
            };
            let action = Action::parse(&change.action)
                .ok_or_else(|| format!("line {seq} names an unknown action"))?;
            match change.via {
                None => authorize_change(
                    &self.trust,
                    &self.records,
                    actor,
                    &key,
                    action,
                    change.digest.as_ref(),
                    seq,
                )?,
                Some(via) => {
                    let (writer, inner) = self.carried.get(&via).ok_or_else(|| {
                        format!(
                            "line {seq} cites line {via}, which is not a carried line before it"
                        )
                    })?;
                    let same = inner.changes.iter().any(|c| {
                        c.kind == change.kind
                            && c.key == change.key
                            && c.action == change.action
                            && c.digest == change.digest
                    });
                    if !same {
                        return Err(format!(
                            "line {seq} cites line {via} for {key}, which that line does not change so"
                        ));
                    }
                    let trust = carried_trust.as_ref().unwrap_or(&self.trust);
                    authorize_change(
                        trust,
                        &self.records,
                        writer,
                        &key,
                        action,
                        change.digest.as_ref(),
                        seq,
                    )?;
                }
            }
            changes.push((key, change.digest.clone()));
        }
        Ok(changes)
    }

    /// Who signed the trust state a write puts in force: its actor, or on a merge that
    /// carries it, the other branch's admin who signed it there.
    fn trust_signer(
        &self,
        event: &AuditEvent,
        actor: &PrincipalName,
        seq: u64,
    ) -> Result<PrincipalName, Breach> {
        let Some(via) = event.trust_via else {
            return Ok(actor.clone());
        };
        match self.carried.get(&via) {
            Some((writer, inner)) if inner.trust == event.trust => Ok(writer.clone()),
            _ => Err(format!(
                "line {seq} cites line {via} for its trust state, which that line does not hold"
            )),
        }
    }

    /// A line of another branch carried by a merge: its own signature must verify with
    /// its writer's key, as this history or the branch's carried trust states know it.
    fn carry(&mut self, event: &AuditEvent, seq: u64) -> Result<(), Breach> {
        let line = event
            .line
            .as_deref()
            .ok_or_else(|| format!("line {seq} carries no line"))?;
        let inner = parse(line.as_bytes(), seq)?.event;
        if inner.event == "request" {
            // A newcomer's request on the other branch: signed by the key it asks to be
            // known by, naming no principal; it changes no record.
            let key: sign::PublicKey = inner
                .key
                .as_deref()
                .and_then(|key| key.parse().ok())
                .ok_or_else(|| {
                    format!("the line carried at {seq} is a request without a valid key")
                })?;
            verify_signature(line.as_bytes(), seq, &key)?;
            if !inner.changes.is_empty() || inner.trust.is_some() {
                return Err(format!(
                    "the request carried at {seq} claims to change the vault"
                ));
            }
            return Ok(());
        }
        let actor = self.actor(&inner, seq)?;
        let carried_trusts: Vec<Trust> = self
            .carried
            .values()
            .filter_map(|(_, e)| e.trust.as_ref())
            .filter_map(|document| from_document(document).ok())
            .collect();
        let key = [Some(&self.trust)]
            .into_iter()
            .flatten()
            .chain(carried_trusts.iter())
            .find_map(|trust| trust.principals.get(&actor).and_then(|p| p.signing))
            .ok_or_else(|| {
                format!("the line carried at {seq} is signed in the name of '{actor}', who holds no signing key")
            })?;
        verify_signature(line.as_bytes(), seq, &key)?;
        self.carried.insert(seq, (actor, inner));
        Ok(())
    }
}

//! Carries out a secret's planned rotation against the vault and the system: each
//! step is recorded as begun in a signed write before it acts, and as done in the
//! write that holds its vault change, so the journal in the signed record always
//! says what may have happened.

use super::journal::Rotation;
use super::password::Password;
use super::plan::{RotationPlan, System};
use super::role::Member;
use super::steps::{Action, Phase, Resume, Step, name};
use super::{Target, act, postgres};
use crate::audit::AuditEvent;
use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use crate::policy;
use crate::session::{ReadRequest, Session};
use crate::time::Timestamp;
use crate::vault::{AliasName, SecretName, Selector, VersionState};

/// How a run ended, for the command to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The new login is current; the previous one works until `until`.
    Overlap {
        until: Timestamp,
    },
    Finished,
    Aborted,
}

/// One secret's plan, the admin connection and the rotation in hand.
pub struct Runner<'s> {
    session: &'s mut Session,
    name: SecretName,
    plan: RotationPlan,
    reason: Option<String>,
    admin_uri: SecretBytes,
    target: Box<dyn Target>,
    /// The new login's password, from `CreateRole` until it is stored.
    password: Option<Password>,
}

impl<'s> Runner<'s> {
    /// Checks the rights a planned rotation needs (`rotate` on the secret, `read` on
    /// its admin secret: not `read` on the secret), reads the admin's URI with its
    /// read recorded, and connects.
    pub fn open(
        session: &'s mut Session,
        name: &SecretName,
        reason: Option<&str>,
    ) -> Result<Runner<'s>> {
        let plan = plan_of(session, name)?;
        session.authorize(policy::Action::Rotate, Some(name), reason)?;
        let (admin_uri, target) = connect(session, &plan, name, reason)?;
        Ok(Runner {
            session,
            name: name.clone(),
            plan,
            reason: reason.map(str::to_string),
            admin_uri,
            target,
            password: None,
        })
    }

    pub fn plan(&self) -> &RotationPlan {
        &self.plan
    }

    fn journal(&self) -> Result<Option<Rotation>> {
        Ok(self.session.vault().secret(&self.name)?.journal.clone())
    }

    /// `rotate`: finishes a previous rotation whose overlap is over, then rotates.
    pub fn rotate(&mut self) -> Result<(Rotation, Outcome)> {
        if let Some(journal) = self.journal()? {
            match journal.next(self.plan.overlap, Timestamp::now())? {
                Action::Finished | Action::Aborted => {}
                Action::Run(Step::DropOld) => {
                    self.run(journal)?;
                }
                Action::Wait { until } => {
                    return Err(Error::conflict(format!(
                        "The previous login of '{}' keeps working until {until}: finish that rotation first (tresor rotation finish {}), or rotate after then.",
                        self.name, self.name
                    )));
                }
                Action::Run(step) => {
                    return Err(Error::conflict(format!(
                        "A rotation of '{}' to version {} stopped before {}: resume it (tresor rotation resume {}) or abort it (tresor rotation abort {}).",
                        self.name,
                        journal.version(),
                        name(step),
                        self.name,
                        self.name
                    )));
                }
            }
        }
        let rotation = self.start()?;
        self.run(rotation)
    }

    /// A new rotation to the next version, replacing the login of the current version
    /// when a rotation made it: the last one's new login once promoted, or the one an
    /// aborted rotation was to replace (a login made by hand is never dropped).
    fn start(&self) -> Result<Rotation> {
        let secret = self.session.vault().secret(&self.name)?;
        let version = secret.latest_version() + 1;
        let family = &self.plan.family;
        let current = secret.journal.as_ref().and_then(|j| {
            let promoted = j.promoted_at().is_some().then(|| j.role());
            [promoted, j.previous()].into_iter().flatten().find(|role| {
                matches!(family.member(role.as_str()), Some(Member::Version(n)) if Some(n) == secret.current())
            })
        });
        Rotation::start(family, version, current.map(|r| r.as_str()))
    }

    /// `rotation resume`: what a crash left, carried on (or started over when the new
    /// password died with the process).
    pub fn resume(&mut self) -> Result<(Rotation, Outcome)> {
        let journal = self.journal()?.ok_or_else(|| self.no_rotation())?;
        match journal.resume(self.plan.overlap, Timestamp::now()) {
            Resume::Restart => {
                self.step(journal, Step::DropNew)?;
                let rotation = self.start()?;
                self.run(rotation)
            }
            Resume::Continue(Action::Run(step)) => {
                let rotation = self.step(journal, step)?;
                self.run(rotation)
            }
            Resume::Continue(_) => self.run(journal),
        }
    }

    /// `rotation abort`: drops the new login and discards its version, until it is current.
    pub fn abort(&mut self) -> Result<(Rotation, Outcome)> {
        let journal = self.journal()?.ok_or_else(|| self.no_rotation())?;
        match journal.abort()? {
            Action::Run(step) => {
                let rotation = self.step(journal, step)?;
                Ok((rotation, Outcome::Aborted))
            }
            _ => Ok((journal, Outcome::Aborted)),
        }
    }

    /// `rotation finish`: drops the previous login now, overlap or not.
    pub fn finish(&mut self) -> Result<(Rotation, Outcome)> {
        let journal = self.journal()?.ok_or_else(|| self.no_rotation())?;
        match journal.finish()? {
            Action::Run(step) => {
                let rotation = self.step(journal, step)?;
                Ok((rotation, Outcome::Finished))
            }
            Action::Aborted => Ok((journal, Outcome::Aborted)),
            _ => Ok((journal, Outcome::Finished)),
        }
    }

    /// A step's failure, with the way on: the journal holds it as begun.
    fn stopped(&self, err: Error, step: Step) -> Error {
        let message = err.message().trim_end_matches('.');
        let name = &self.name;
        Error::new(
            err.kind(),
            format!(
                "{message}; the rotation stopped at {}: once that is fixed, `tresor rotation resume {name}`, or `tresor rotation abort {name}`.",
                super::steps::name(step)
            ),
        )
    }

    fn no_rotation(&self) -> Error {
        Error::not_found(format!(
            "'{}' has no rotation to act on; start one with `tresor rotate {}`.",
            self.name, self.name
        ))
    }

    /// Runs steps until the rotation waits out its overlap or ends.
    fn run(&mut self, mut rotation: Rotation) -> Result<(Rotation, Outcome)> {
        loop {
            match rotation.next(self.plan.overlap, Timestamp::now())? {
                Action::Run(step) => rotation = self.step(rotation, step)?,
                Action::Wait { until } => return Ok((rotation, Outcome::Overlap { until })),
                Action::Finished => return Ok((rotation, Outcome::Finished)),
                Action::Aborted => return Ok((rotation, Outcome::Aborted)),
            }
        }
    }

    /// One step: recorded as begun, carried out, recorded as done with its vault change.
    fn step(&mut self, mut rotation: Rotation, step: Step) -> Result<Rotation> {
        if step == Step::CreateRole {
            self.password = Some(Password::generate()?);
        }
        rotation.begin(step, Timestamp::now())?;
        self.record(&rotation, step, Phase::Begun)?;
        act(
            self.target.as_mut(),
            &self.plan,
            &rotation,
            step,
            self.password.as_ref(),
        )
        .map_err(|err| self.stopped(err, step))?;
        rotation.complete(step, Timestamp::now())?;
        self.record(&rotation, step, Phase::Done)?;
        if matches!(step, Step::StorePending | Step::DropNew) {
            self.password = None;
        }
        Ok(rotation)
    }

    /// The signed write of one journal entry, with the vault's part of a done step.
    fn record(&mut self, rotation: &Rotation, step: Step, phase: Phase) -> Result<()> {
        let kind = if step == Step::Promote && phase == Phase::Done {
            "rotate"
        } else {
            "rotation"
        };
        let phase_name = match phase {
            Phase::Begun => "begun",
            Phase::Done => "done",
        };
        let mut event = AuditEvent::new(kind, None)
            .secret(self.name.as_str())
            .version(rotation.version())
            .target(rotation.role().as_str())
            .detail(format!("{} {phase_name}", name(step)))
            .reason(self.reason.as_deref());
        if step == Step::DropOld
            && let Some(previous) = rotation.previous()
        {
            event = event.target(previous.as_str());
        }
        let value = match (step, phase) {
            (Step::StorePending, Phase::Done) => Some(self.login_uri(rotation)?),
            _ => None,
        };
        let name = self.name.clone();
        let reason = self.reason.clone();
        let mut write = self.session.write(event)?;
        write.secret(&name, policy::Action::Rotate, reason.as_deref())?;
        if phase == Phase::Done {
            match step {
                Step::StorePending => {
                    let value =
                        value.ok_or_else(|| Error::other("The new login's URI is missing."))?;
                    let number =
                        write.add_version(&name, value.expose(), &AliasName::pending(), None)?;
                    if number != rotation.version() {
                        return Err(Error::conflict(format!(
                            "'{name}' gained version {} while it was rotated to version {}; abort the rotation (tresor rotation abort {name}) and rotate again.",
                            number - 1,
                            rotation.version()
                        )));
                    }
                }
                Step::Promote => {
                    let secret = write.authorized(&name)?;
                    secret.make_current(&name, rotation.version())?;
                }
                Step::DropOld => disable_previous(&mut write, &name, rotation)?,
                Step::DropNew if rotation.stored() => {
                    let secret = write.authorized(&name)?;
                    if secret.alias(&AliasName::pending()) == Some(rotation.version()) {
                        secret.remove_alias(&name, &AliasName::pending())?;
                    }
                    secret.set_state(&name, rotation.version(), VersionState::Disabled)?;
                }
                _ => {}
            }
        }
        write.authorized(&name)?.journal = Some(rotation.clone());
        write.commit()?;
        crate::fault::crash_point("rotation step");
        Ok(())
    }

    /// Version N's value: the admin's URI with the new login.
    fn login_uri(&self, rotation: &Rotation) -> Result<SecretBytes> {
        let password = self.password.as_ref().ok_or_else(|| {
            Error::other(format!(
                "The password of {} is not at hand; resume the rotation, which starts it over.",
                rotation.role()
            ))
        })?;
        login_uri(&self.plan, &self.admin_uri, rotation.role(), password)
    }
}

/// Reads `plan`'s admin secret (the read authorized and recorded, for `name`) and
/// connects to its system as the admin.
pub(super) fn connect(
    session: &mut Session,
    plan: &RotationPlan,
    name: &SecretName,
    reason: Option<&str>,
) -> Result<(SecretBytes, Box<dyn Target>)> {
    let admin = plan.admin.clone();
    let grant = session.authorize(policy::Action::Read, Some(&admin), reason)?;
    let request = ReadRequest {
        name: &admin,
        selector: &Selector::default(),
        grant,
    };
    let delivery = AuditEvent::new("connect", Some(session.principal.as_str()))
        .secret(name.as_str())
        .target(admin.as_str())
        .reason(reason);
    let (_, admin_uri) = session
        .read_recorded(std::slice::from_ref(&request), reason, Some(delivery))?
        .pop()
        .ok_or_else(|| Error::other(format!("No value of '{admin}' was read.")))?;
    let text = std::str::from_utf8(admin_uri.expose()).map_err(|_| {
        Error::usage(format!(
            "The admin secret '{admin}' does not hold a connection URI (it is not text)."
        ))
    })?;
    let target: Box<dyn Target> = match plan.system {
        System::Postgres => Box::new(postgres::PgTarget::connect(text)?),
    };
    Ok((admin_uri, target))
}

/// A login's URI: the admin's, with the login's user and password.
pub(super) fn login_uri(
    plan: &RotationPlan,
    admin_uri: &SecretBytes,
    role: &super::RoleName,
    password: &Password,
) -> Result<SecretBytes> {
    let admin = std::str::from_utf8(admin_uri.expose())
        .map_err(|_| Error::usage("The admin secret does not hold a connection URI."))?;
    match plan.system {
        System::Postgres => postgres::with_login(admin, role, password),
    }
}

/// After the old login is dropped, its version is no longer served.
fn disable_previous(
    write: &mut crate::session::Write<'_>,
    name: &SecretName,
    rotation: &Rotation,
) -> Result<()> {
    let Some(previous) = rotation.previous() else {
        return Ok(());
    };
    let family = plan_family(write.vault(), name)?;
    let Some(Member::Version(number)) = family.member(previous.as_str()) else {
        return Ok(());
    };
    let secret = write.authorized(name)?;
    if secret.current() == Some(number) {
        return Err(Error::conflict(format!(
            "Version {number} of '{name}' is current again (rolled back?), so its login {previous} was kept; promote version {} and finish again.",
            rotation.version()
        )));
    }
    if secret.versions.get(&number).map(|v| v.state) == Some(VersionState::Active) {
        secret.set_state(name, number, VersionState::Disabled)?;
    }
    Ok(())
}

fn plan_family(vault: &crate::vault::Vault, name: &SecretName) -> Result<super::RoleFamily> {
    Ok(plan_of_vault(vault, name)?.family)
}

fn plan_of(session: &Session, name: &SecretName) -> Result<RotationPlan> {
    plan_of_vault(session.vault(), name)
}

/// The plan of `name`, or a not-found naming the command that sets one.
pub fn plan_of_vault(vault: &crate::vault::Vault, name: &SecretName) -> Result<RotationPlan> {
    vault.secret(name)?.plan.clone().ok_or_else(|| {
        Error::not_found(format!(
            "'{name}' has no rotation plan; set one with `tresor rotation set {name} --postgres ADMIN_SECRET --role ROLE`."
        ))
    })
}

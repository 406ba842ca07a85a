package ulvm.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import ulvm.e2e.RealLvm;
import ulvm.io.fault.PowerLoss;

/**
 * One seeded trial: a dry run counts the device operations of the scenario's work; the trial runs it again and cuts
 * the power at a random one of them (mode DROP, REORDER or TEAR of the unflushed writes), then reboots: plain files,
 * a fresh scan. Checks: the metadata is a version the trial wrote, not older than the last commit that returned;
 * ulvm's vgck (and, when asked, real LVM2's vgck) accepts the images; then the scenario's own checks.
 */
final class Trial {
    /** What the metadata read after the reboot was. */
    enum Metadata {
        /** The last version whose commit returned. */
        LAST_COMMITTED,
        /** A newer one: the cut fell inside its commit, after it was precommitted (or committed on some PVs). */
        INTERRUPTED_COMMIT,
        /** As either, with the PVs disagreeing: the cut fell between the PVs of one commit. */
        PVS_DISAGREE
    }

    /** {@code aimedAtCommit}: the cut point was drawn from the operations of a metadata commit. */
    record Outcome(long ops, long cutAt, PowerLoss.Mode mode, boolean cutDuringWork, boolean aimedAtCommit, Metadata metadata) {}

    /** The dry run's count of operations, and the operations each metadata commit spanned (first, last). */
    private record Plan(long ops, List<long[]> commits) {}

    /** Operations of a commit before its texts are forced (reading the headers, writing the texts). */
    private static final long TEXT_OPS = 3L * Rig.PVS;

    private Trial() {}

    static String replay(String scenario, long seed) {
        return "replay: mvn -B -o -ntp verify -Dtest=CrashCampaignTest -Dulvm.crash.scenario=" + scenario + " -Dulvm.crash.seed=" + seed
                + " -Dsurefire.failIfNoSpecifiedTests=false";
    }

    static Outcome run(String name, Supplier<Scenario> scenarios, long seed, Path dir, boolean realVgck) throws Exception {
        Plan plan = dryRun(scenarios.get(), seed, Files.createDirectories(dir.resolve("dry")));
        long ops = plan.ops();
        Random pick = new Random(seed * 31 + name.hashCode());
        PowerLoss.Mode mode = PowerLoss.Mode.values()[pick.nextInt(3)];
        long cutAt = 1 + (ops <= 1 ? 0 : pick.nextLong(ops));
        // half the trials that commit metadata cut inside one of the commits (a few operations among many)
        boolean aimed = !plan.commits().isEmpty() && pick.nextBoolean();
        if (aimed) {
            long[] c = plan.commits().get(pick.nextInt(plan.commits().size()));
            cutAt = c[0] + pick.nextLong(c[1] - c[0] + 1);
        }
        String tag = "[" + name + " seed=" + seed + " cut at op " + cutAt + "/" + ops + " " + mode + "] ";
        Scenario s = scenarios.get();
        PowerLoss power = new PowerLoss(seed, mode, cutAt);
        boolean cutDuringWork;
        Metadata metadata;
        try (Rig rig = new Rig(Files.createDirectories(dir.resolve("trial")), s.pvs())) {
            Random random = new Random(seed);
            s.setup(rig, random);
            rig.versions.reset();
            rig.versions.committed(rig.scan().vg()); // as read back (a missing PV not flagged in memory)
            Throwable during = null;
            CrashOpener opener = new CrashOpener(power);
            rig.devices = opener;
            rig.opener = opener;
            rig.power = power;
            try {
                s.run(rig, random);
            } catch (Throwable t) {
                during = t;
            } finally {
                cutDuringWork = power.isCut();
                power.cut();
                rig.power = null;
                rig.opener = null;
                rig.deactivate();
                rig.devices = null;
                opener.close();
            }
            try {
                if (during != null && !cutDuringWork) throw new AssertionError("the work failed with the power on", during);
                metadata = afterReboot(rig, s, realVgck);
            } catch (Throwable t) {
                throw new AssertionError(tag + t.getMessage() + "\n  " + replay(name, seed) + "\n  daemon: " + rig.messages, t);
            }
        }
        return new Outcome(ops, cutAt, mode, cutDuringWork, aimed, metadata);
    }

    private static Metadata afterReboot(Rig rig, Scenario s, boolean realVgck) throws Exception {
        var found = rig.scan().vg();
        String bad = rig.versions.check(found);
        if (bad != null) Scenario.fail(bad);
        boolean disagree = vgck(rig, realVgck, "after the crash", s.expectedWarnings());
        rig.activate();
        s.check(rig);
        rig.deactivate();
        vgck(rig, realVgck, "after the recovery", s.expectedWarnings());
        if (disagree) return Metadata.PVS_DISAGREE;
        return found.seqno() > rig.versions.lastCommitted() ? Metadata.INTERRUPTED_COMMIT : Metadata.LAST_COMMITTED;
    }

    /**
     * ulvm's vgck, and real LVM2's when asked: exit 0, and no warning but the one a commit cut between PVs leaves (some
     * PVs hold the new version, some the old: LVM2 reads the newest and suggests vgck --updatemetadata). True when
     * ulvm warned so.
     */
    static boolean vgck(Rig rig, boolean real, String when, java.util.regex.Pattern expected) {
        Rig.Result u = rig.cli("vgck", Rig.VG);
        Scenario.expect(accepted(u.rc(), u.err(), expected) && unexpected(u.err(), expected).isBlank(), "ulvm vgck " + when + ": rc=" + u.rc() + "\n" + u.out() + u.err());
        if (real) {
            RealLvm.Result r = RealLvm.run(rig.images, "vgck", Rig.VG);
            if (r.rc() != 0 && expected == null && r.err().contains("Couldn't find device with uuid")) {
                // read-only loop devices over unchanged images: a second look that finds them shows the first lost its
                // loop devices to the suites that attach and detach beside it (seen once in 1000 trials)
                RealLvm.Result again = RealLvm.run(rig.images, "vgck", Rig.VG);
                if (again.rc() == 0) System.out.println("crash campaign: real vgck lost its devices once, then passed:\n" + r);
                r = again;
            }
            Scenario.expect(accepted(r.rc(), r.err(), expected) && unexpected(r.warnings(), expected).isBlank(), "real vgck " + when + ":\n" + r);
        }
        return torn(u.err());
    }

    private static final java.util.regex.Pattern TORN_COMMIT = java.util.regex.Pattern.compile(
            "ignoring metadata seqno \\d+ on \\S+ for seqno \\d+ on|Inconsistent metadata found for VG|See vgck --updatemetadata");

    /** {@code err}'s lines but the torn commit's warnings and those {@code expected} (a scenario's, e.g. a missing PV). */
    private static String unexpected(String err, java.util.regex.Pattern expected) {
        StringBuilder b = new StringBuilder();
        for (String l : err.split("\n"))
            if (!l.isBlank() && !TORN_COMMIT.matcher(l).find() && (expected == null || !expected.matcher(l).find())) b.append(l).append('\n');
        return b.toString();
    }

    /** vgck's exit: 0, or LVM2's 5 for a VG missing PVs when the scenario left one out (tools/vgck.c vgck_single). */
    private static boolean accepted(int rc, String err, java.util.regex.Pattern expected) {
        return rc == 0 || (rc == 5 && expected != null && err.contains("The volume group is missing 1 physical volumes."));
    }

    /** ulvm's vgck told of a commit cut between PVs. */
    private static boolean torn(String err) { return TORN_COMMIT.matcher(err).find(); }

    /** The work without a cut: how many device operations it does, and which of them each metadata commit did. */
    private static Plan dryRun(Scenario s, long seed, Path dir) throws Exception {
        PowerLoss power = new PowerLoss(seed, PowerLoss.Mode.DROP, Long.MAX_VALUE);
        List<long[]> commits = new ArrayList<>();
        long[] written = {-1};
        try (Rig rig = new Rig(dir, s.pvs())) {
            Random random = new Random(seed);
            s.setup(rig, random);
            CrashOpener opener = new CrashOpener(power);
            rig.devices = opener;
            rig.opener = opener;
            rig.phases = phase -> {
                if (phase.equals("written")) written[0] = power.ops();
                if (phase.equals("committed") && written[0] >= 0) {
                    commits.add(new long[] {Math.max(1, written[0] - TEXT_OPS), power.ops() + 1});
                    written[0] = -1;
                }
            };
            try {
                s.run(rig, random);
                return new Plan(power.ops(), commits);
            } finally {
                rig.phases = null;
                rig.opener = null;
                rig.deactivate();
                rig.devices = null;
                opener.close();
            }
        }
    }
}

/**
 * Test support: devices that fail on demand ({@link ulvm.io.fault.FaultyDevice}) or simulate a disk cache that a
 * power cut empties ({@link ulvm.io.fault.CrashDevice}). A test passes them to the engine at assembly, as the
 * {@link ulvm.io.Devices.Opener} of its {@code ops.Wiring} or activation. Test code only: published with the engine's
 * test-jar for the end-to-end suites (test-images).
 *
 * <p>Imports {@code io} only.
 */
package ulvm.io.fault;

package ulvm.thin.meta;

/**
 * A thin device's entry in the device-details btree ({@code struct disk_device_details}): its mapped blocks, the
 * pool transaction id at its creation, and the pool times of its creation and of its last snapshot.
 */
public record DeviceDetails(long id, long mappedBlocks, long transactionId, int creationTime, int snapshottedTime) {}

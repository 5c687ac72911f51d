package io.qless.core;

/**
 * What a put did, from {@link QueueOperations#putForResult(PutRequest)}.
 *
 * @param jid the jid of the job put, or, for a duplicate, of the job holding the unique key
 * @param duplicate whether the put created no job because another job holds its
 * {@linkplain PutRequest#unique() unique key} ({@link UniqueMode#DEBOUNCE}: the holder was
 * put again instead)
 */
public record PutResult(String jid, boolean duplicate) {

}

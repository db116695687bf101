package io.tianshu.platform;

import java.util.function.BinaryOperator;

/**
 * A column holding {@link SealedValues}. On a key rotation the vault calls
 * {@link #reseal} in the rotation's transaction, before destroying the old key.
 */
public interface SealedColumn {

	/**
	 * Replaces every sealed value of the column by
	 * {@code resealer.apply(context, sealed)}.
	 * @return how many values were re-sealed
	 */
	int reseal(BinaryOperator<String> resealer);

}

// SPDX-License-Identifier: Apache-2.0
/**
 * dense4j-keras: Keras 3 {@code .keras}, legacy {@code .h5} and JSON configs in and out, on top of
 * dense4j-core (whose types its API returns, hence {@code requires transitive}).
 */
module dev.dense4j.keras {
  requires transitive dev.dense4j.core;
  requires com.fasterxml.jackson.databind;
  requires io.jhdf;
  // jHDF's own dependencies that are named modules: jHDF is an automatic module and cannot
  // require them itself, so without these lines a module-path application fails at the first
  // file with NoClassDefFoundError (org/slf4j/LoggerFactory, org/apache/commons/lang3/...)
  requires org.apache.commons.lang3;
  requires org.slf4j;

  exports dev.dense4j.keras;
}

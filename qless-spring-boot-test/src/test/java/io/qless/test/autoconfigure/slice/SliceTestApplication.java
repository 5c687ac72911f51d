package io.qless.test.autoconfigure.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the slice tests start parts of.
 */
@SpringBootApplication
public class SliceTestApplication {

}

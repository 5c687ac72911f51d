package io.qless.dashboard.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain application with the dashboard, for the tests: Spring MVC, Spring Security, Redis
 * and qless come from the class path.
 */
@SpringBootApplication
public class DashboardTestApplication {

}

package com.example.billing

import io.qless.annotation.QlessJob
import io.qless.annotation.QueueHandler
import io.qless.handler.QlessJobContext
import org.springframework.stereotype.Component

data class Refund(val invoice: String, val cents: Long, val reason: String? = null)

@Component
@QlessJob("billing.Refund")
class RefundHandler {

    @QueueHandler(value = ["refunds"], concurrency = "2")
    fun refund(refund: Refund, job: QlessJobContext) {
        job.log("refunding ${refund.cents} cents of ${refund.invoice}")
    }
}
